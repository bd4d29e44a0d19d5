"""Sentence templates; each ``{field}`` is drawn by ``releases`` when a page uses it."""

# Each event pairs title templates with lead sentences so a page's title and first
# paragraph talk about the same thing, as real releases do.

EVENTS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        (
            "{co} Doses First Patient in {phase} Trial of {drug} for {ind}",
            "First Patient Dosed in {co}'s {phase} Study of {drug} in {ind}",
        ),
        (
            "{co} today announced that the first patient has been dosed in a {phase} clinical "
            "trial evaluating {drug_full}, a {mod} targeting {target}, in patients with {ind}.",
            "{co} announced that dosing has begun in the {phase} study of {drug_full} at "
            "{hosp}, marking the start of clinical development of the program in {region}.",
        ),
    ),
    (
        (
            "{co} Presents {phase} Data for {drug} at {conf} {year}",
            "{co} Announces Positive {phase} Results of {drug} in {ind}",
            "{co}'s {drug} Meets Primary Endpoint in {phase} Trial",
        ),
        (
            "{co} announced that results from the {phase} study of {drug_full} in patients with "
            "{ind} were presented at the {conf} {year} in {city}.",
            "{co} today announced that the {phase} trial of {drug_full} met its primary endpoint "
            "of {end} at a prespecified interim analysis.",
        ),
    ),
    (
        (
            "{drug} Approved by {reg_short} for {ind}",
            "{co} Receives {reg_short} Approval for {drug} in {ind}",
        ),
        (
            "{co} announced that {reg} has approved {drug_full} for the treatment of adult "
            "patients with {ind} who have received at least one prior line of therapy.",
            "{co} today announced the marketing approval of {drug_full} by {reg}, the first "
            "{mod} targeting {target} to be approved for {ind} in {region}.",
        ),
    ),
    (
        (
            "{co}'s {drug} Granted {desig} by {reg_short} for {ind}",
            "{reg_short} Grants {desig} to {drug} for the Treatment of {ind}",
        ),
        (
            "{co} announced that {reg} has granted {desig} to {drug_full} for the treatment of "
            "{ind}.",
            "{co} today said that {drug_full} has received {desig} from {reg}, based on "
            "encouraging efficacy observed in the {phase} study.",
        ),
    ),
    (
        (
            "{co} and {partner} Enter into Strategic Collaboration on {drug}",
            "{co} Licenses {region} Rights of {drug} to {partner}",
        ),
        (
            "{co} and {partner} today announced an exclusive license and collaboration agreement "
            "to develop and commercialize {drug_full} in {region}.",
            "{co} announced that it has entered into a strategic partnership with {partner} "
            "covering the joint development of {drug_full} in {ind} and other indications.",
        ),
    ),
    (
        (
            "{co} Announces {year} Annual Results and Business Update",
            "{co} Completes {round} Financing to Advance Its Pipeline",
            "{co} Reports Interim Results for the Six Months Ended June 30, {year}",
        ),
        (
            "{co} announced its financial results for the year ended December 31, {year} and "
            "provided an update on its clinical pipeline and commercial progress.",
            "{co} today announced the completion of a {round} financing led by long-term "
            "healthcare investors, with participation from existing shareholders.",
        ),
    ),
    (
        ("Groundbreaking Ceremony for {co} {fac} Held in {city}", "{co} Opens New {fac} in {city}"),
        (
            "The groundbreaking ceremony for the {co} {fac} was held in {city}, a crucial step "
            "in the company's strategy to expand its research and production footprint.",
            "{co} today officially opened its new {fac} in {city}, which will support the "
            "late-stage development and launch of {drug_full}.",
        ),
    ),
    (
        (
            "{co} Hits the Headlines During {conf} {year}",
            "{co} to Participate in Upcoming Investor Conferences",
        ),
        (
            "{co} took part in several events at the {conf} {year} in {city}, meeting government "
            "officials, investors, business partners and media.",
            "{co} announced that members of its management team will present at a series of "
            "investor conferences in {city} and {city2} this quarter.",
        ),
    ),
    (
        (
            "{journal} Publishes {phase} Results of {drug} in {ind}",
            "{phase} Study of {drug} Published in {journal}",
        ),
        (
            "{co} announced that the results of the {phase} study of {drug_full} in {ind} have "
            "been published in {journal}.",
            "Data from the {phase} trial of {drug_full} were published online in {journal}, "
            "{co} said today.",
        ),
    ),
    (
        (
            "{co} Appoints {person} as {role}",
            "{co} Strengthens Leadership Team with Appointment of {person}",
        ),
        (
            "{co} today announced the appointment of {person} as {role}, effective {month} {year}.",
            "{co} announced that {person} has joined the company as {role} and will lead its "
            "work on {mod} programs.",
        ),
    ),
)

BACKGROUND = (
    "{drug} is a {mod} targeting {target} that was independently discovered and developed by {co}.",
    "In {region}, {ind} remains a leading cause of hospitalization and death, and patients "
    "who progress after first-line treatment have few options.",
    "The {phase} study is a randomized, double-blind, multicenter trial designed to evaluate "
    "the efficacy and safety of {drug} in patients with {ind}.",
    "The primary endpoint of the study is {end}, and key secondary endpoints include {end2} "
    "and safety.",
    "To date, more than {count} patients have been enrolled in clinical studies of {drug} "
    "worldwide.",
    "The trial is being conducted at {k} clinical sites in {city}, {city2} and other cities, "
    "led by investigators from {hosp}.",
    "{co} currently has {k} assets in clinical development, covering oncology, autoimmune and "
    "metabolic diseases.",
    "Preclinical studies showed that {drug} blocks {target} signaling and enhances anti-tumor "
    "immunity in several animal models.",
    "Earlier this year, {drug} received {desig} from {reg} for the treatment of {ind2}.",
    "The collaboration combines {co}'s expertise in {mod} discovery with {partner}'s clinical "
    "and commercial capabilities in {region}.",
    "Under the agreement, {partner} will be responsible for development, registration and "
    "commercialization of {drug} in {region}.",
    "Treatment-related adverse events were mostly grade 1 or 2, and no new safety signals "
    "were observed.",
    "Detailed data are expected to be published in {journal} later this year.",
    "{co} is building a fully integrated platform covering discovery, process development, "
    "clinical research, manufacturing and commercialization.",
    "The new {fac} in {city} is expected to be completed in {year2} and will support the "
    "late-stage development of the company's pipeline.",
    "Current standard-of-care therapies for {ind} are associated with significant toxicity "
    "and limited durability of response.",
    "{drug} has been included in the {year} guidelines of the Chinese Society of Clinical "
    "Oncology (CSCO) for {ind}.",
    "The company plans to submit a {filing} to {reg} in {month} {year2}.",
    "{co} will host a conference call for investors and analysts to discuss the results.",
    "Patients received {drug} at {dose} mg/kg every {weeks} weeks until disease progression "
    "or unacceptable toxicity.",
    "The study was jointly led by Professor {inv} of {hosp} and investigators at {hosp2}.",
    "The benefit was consistent across all prespecified subgroups, including patients with "
    "{target}-positive tumors.",
    "{co} and {partner} will jointly explore combination regimens of {drug} with {partner_drug}.",
    "The event gathered government officials, investors, clinicians and industry partners in "
    "{city}.",
    "The proceeds will be used to advance the clinical programs of {drug} and to expand the "
    "company's manufacturing capacity in {city}.",
    "{co} is listed on the {exchange_long} under the stock code {ticker}.",
    "As of {month} {year}, the company had cash sufficient to fund operations into {year3}.",
    "The approval is based on results from a {phase} registrational study conducted in {region}.",
    "{drug} is also being evaluated in {k} ongoing trials in {ind2}, {ind3} and other diseases.",
    "{co} intends to meet with {reg_short} to discuss the design of a confirmatory trial.",
    "In {month} {year2}, {co} completed enrollment of the {phase} trial ahead of schedule.",
    "The company's late-stage pipeline now includes {drug}, {partner_drug} and a {mod} "
    "against {target2}.",
    "Compared with the control arm, patients treated with {drug} showed a clear improvement "
    "in {end2}.",
    "{partner} has extensive experience in {ind2} and a commercial team of more than "
    "{staff} people in {region}.",
)
CLOSINGS = (
    "{co} will continue to accelerate the development of innovative therapies and bring more "
    "treatment options to patients in China and around the world.",
    "Looking ahead, the company will further strengthen its global collaborations and "
    "advance its late-stage pipeline toward commercialization.",
    "The company expects to report further data from the {phase} program in {year2}.",
    "{co} remains committed to addressing unmet medical needs in {ind} and related diseases.",
)
QUOTES = (
    "We are delighted to see {drug} reach this milestone, which reflects years of work by "
    "our research and clinical teams",
    "These results reinforce our confidence that {drug} could become a new standard of care "
    "for patients with {ind}",
    "{city} offers a complete industry value chain, from early research to manufacturing and "
    "commercial sales",
    "Our partnership with {partner} brings together complementary strengths, and we look "
    "forward to moving {drug} forward together",
    "There is a significant unmet medical need in {ind}, and patients urgently need more "
    "effective and better tolerated options",
    "This approval marks an important step in our transformation into a commercial-stage "
    "biopharmaceutical company",
    "We will work closely with {reg_short} and the investigators to complete the study as "
    "quickly as possible",
    "As an investigator, I was impressed by the durability of responses in heavily "
    "pretreated patients",
    "The new {fac} will significantly increase our capacity and support the global launch of "
    "our products",
    "Innovation is the foundation of our growth, and we will keep investing in science that "
    "matters to patients",
    "The safety profile we observed supports moving {drug} into earlier lines of therapy",
    "I eagerly anticipate working with industry partners in {city} to speed up commercialization",
)
FIGURES = (
    "The planned investment for the project is estimated to be {money}.",
    "The site spans an area of {area}, with a total construction area of {area2}.",
    "Last year the sector was valued at {money} with output growth of {pct}.",
    "The objective response rate (ORR) was {pct}, and the median PFS was {months} months.",
    "Revenue increased by {pct} year-on-year to {money}.",
    "{co} will receive an upfront payment of {money} and is eligible for milestone payments "
    "of up to {money2}.",
    "The offering raised gross proceeds of approximately {money}.",
    "A total of {count} patients were enrolled, and {pct} of them had received prior "
    "immunotherapy.",
    "R&D expenses reached {money}, accounting for {pct} of total operating costs.",
    "The hazard ratio for death was {ratio}, corresponding to a {pct} reduction in risk.",
    "The new plant adds a capacity of {liters} liters across {k} production lines.",
    "The market for {target} therapies is projected to exceed {money} by {year3}.",
)
