//! Every piece of interface text, in one catalogue, so the app can be translated.
//!
//! Respondent-facing text aims at a reading age of 14 or below. Questionnaire wording
//! itself lives in the instrument files, not here.

use trellis_core::format::RoleCategory;

pub const APP_NAME: &str = "Trellis";
pub const HOME_TITLE: &str = "Trellis";
pub const HOME_LEAD: &str =
    "See how well the partners in a health and care collaboration work together, agree what to improve, and track progress over time.";
pub const PRIVACY_PROMISE: &str = "Everything you enter stays in this browser on this device. Trellis has no server and sends nothing anywhere.";
pub const FOOTER: &str = "Trellis keeps your data in this browser only. Nothing is sent to any server.";
pub const YOUR_COLLABORATIONS: &str = "Your collaborations";
pub const NO_COLLABORATIONS: &str = "You have not set up a collaboration in this browser yet.";
pub const SET_UP_COLLABORATION: &str = "Set up a collaboration";
pub const MAIN_NAV: &str = "Main";
pub const NEW_COLLABORATION_TITLE: &str = "Set up a collaboration";
pub const NEW_COLLABORATION_LEAD: &str =
    "Name the collaboration, list its partner organisations and plan its first assessment round.";
pub const COLLABORATION_NAME: &str = "Name of the collaboration";
pub const COLLABORATION_NAME_HINT: &str = "For example: North Shire frailty alliance.";
pub const PARTNERS: &str = "Partner organisations";
pub const PARTNERS_HINT: &str =
    "One organisation per line. People answering will choose theirs from this list.";
pub const FIRST_ROUND: &str = "First assessment round";
pub const FIRST_ROUND_NAME: &str = "Round 1";
pub const ROUND_NAME: &str = "Round name";
pub const ROUND_DATE: &str = "Date of the round";
pub const ROUND_MODE: &str = "Which questionnaire?";
pub const CREATE_COLLABORATION: &str = "Create collaboration";
pub const ERROR_SUMMARY_TITLE: &str = "There is a problem";
pub const NO_INSTRUMENT: &str =
    "Trellis could not find its questionnaire. Reload the page; if this keeps happening, the app is damaged.";
pub const COLLABORATION_MISSING: &str =
    "This collaboration is not in this browser. It may have been deleted.";
pub const ROUND_MISSING: &str = "This assessment round is not in this browser. It may have been deleted.";
pub const PARTNER_ORGANISATIONS: &str = "Partner organisations";
pub const ROUNDS: &str = "Assessment rounds";
pub const DATE: &str = "Date";
pub const QUESTIONNAIRE: &str = "Questionnaire";
pub const RESPONSES_SENT: &str = "Answers sent";
pub const ACTIONS: &str = "Actions";
pub const ANSWER_ROUND: &str = "Answer the questionnaire";
pub const SEE_RESULTS: &str = "See results";
pub const ADD_ROUND: &str = "Add a round";
pub const ROUND_ADDED: &str = "Round added.";
pub const NOT_FOUND_TITLE: &str = "Page not found";
pub const NOT_FOUND: &str = "There is nothing at this address. Check the link, or go back to the start.";
pub const BACK_HOME: &str = "Go to the start page";

pub const ANSWER_PRIVACY: &str =
    "Your answers are saved in this browser as you go. They stay on this device: nobody else sees them unless you choose to send them.";
pub const IN_PROGRESS_TITLE: &str = "You have answers in progress";
pub const CONTINUE: &str = "Continue where you left off";
pub const ABOUT_YOU: &str = "About you";
pub const YOUR_ORGANISATION: &str = "Your organisation";
pub const CHOOSE_ONE: &str = "Choose one";
pub const YOUR_ROLE: &str = "Your role";
pub const CHOOSE_ORGANISATION: &str = "Choose your organisation.";
pub const CHOOSE_ROLE: &str = "Choose the role closest to yours.";
pub const START: &str = "Start";
pub const NO_DRAFT_TITLE: &str = "No answers in progress";
pub const NO_DRAFT: &str =
    "There are no unsent answers for this round in this browser. Start again to answer.";
pub const START_AGAIN: &str = "Start";
pub const SAVED_AS_YOU_GO: &str =
    "Each answer is saved as soon as you choose it. You can close this page and come back later on this device.";
pub const CLEAR_ANSWER: &str = "Clear my answer";
pub const ADD_COMMENT: &str = "Add a comment (optional)";
pub const COMMENT_LABEL: &str = "Your comment";
pub const LEVEL_QUESTION: &str = "Which description fits this collaboration best today?";
pub const LEVEL_HINT: &str =
    "Choose the one closest to how things are now, not how you would like them to be.";
pub const CLEAR_LEVEL: &str = "Clear my choice";
pub const PROGRESS_LABEL: &str = "Statements answered";
pub const BACK: &str = "Back";
pub const NEXT: &str = "Next";
pub const REVIEW_ANSWERS: &str = "Review your answers";
pub const REVIEW_TITLE: &str = "Check your answers";
pub const REVIEW_LEAD: &str =
    "Here is how much of each topic you have answered. You can go back and change anything.";
pub const SEND_EXPLAINED: &str =
    "When you send your answers they are added to this round's results. You cannot change them after that.";
pub const SEND: &str = "Send my answers";
pub const TOPIC: &str = "Topic";
pub const ANSWERED: &str = "Answered";

pub const NOT_ENOUGH_ANSWERS: &str = "not enough answers";
pub const OUTCOME_TAG: &str = "outcome";
pub const NO_RESULTS: &str = "Nobody has sent answers for this round yet.";
pub const SCORES_BY_TOPIC: &str = "Scores by topic";
pub const CHART_TITLE: &str =
    "Average score for each topic, from 1 (strongly disagree) to 5 (strongly agree)";
pub const RESULTS_TABLE_CAPTION: &str = "Scores by topic, with how many people's answers each is based on";
pub const SCORE: &str = "Average score (1 to 5)";
pub const PEOPLE_SCORED: &str = "People scored";
pub const PEOPLE_NOT_ENOUGH: &str = "People with too few answers";
pub const RANGE: &str = "Lowest to highest";
pub const HOW_SCORED: &str = "How these scores are worked out";
pub const METHOD: &[&str] = &[
    "Each statement is answered from 1 (strongly disagree) to 5 (strongly agree). A person's score for a topic is the average of their answers to its statements.",
    "\"Don't know\" and \"not applicable\" are left out of the average. If someone answered fewer than half of a topic's statements, they get no score for that topic, rather than a low one.",
    "The score shown for the group is the average of the scores of everyone who has one. The questionnaire is based on published research on what makes health and care collaborations work; it has not been tested as a validated measure, so treat scores as a starting point for discussion.",
];

pub const STORAGE_UNAVAILABLE_TITLE: &str = "This browser is not letting Trellis save";
pub const STORAGE_UNAVAILABLE: &str = "You can carry on, but everything you enter will be lost when you close or reload this page. Your browser may be in private mode, or its settings may block websites from saving data.";
pub const STORAGE_FULL_TITLE: &str = "Your latest changes could not be saved";
pub const STORAGE_FULL: &str = "This browser's storage is full or refused to save. Your earlier saved data is untouched and your latest changes are kept on this page for now; do not close it until saving works again.";
pub const STORAGE_DAMAGED_TITLE: &str = "Saved data could not be read";
pub const STORAGE_NEWER_TITLE: &str = "Saved data is from a newer version of Trellis";

pub fn storage_damaged(reason: &str, kept_as: Option<&str>) -> String {
    match kept_as {
        Some(key) => format!("Trellis could not read the data saved in this browser ({reason}). It has kept a copy under \"{key}\" and started with an empty workspace, so nothing is lost."),
        None => format!("Trellis could not read the data saved in this browser ({reason}), and could not make a copy of it. To protect it, nothing you do now will be saved."),
    }
}

pub fn storage_newer(reason: &str) -> String {
    format!("{reason}. To protect that data, nothing you do here will be saved. Open Trellis at the address where you used the newer version.")
}

pub fn partners_and_rounds(partners: usize, rounds: usize) -> String {
    format!(
        "{} · {}",
        plural(partners, "partner", "partners"),
        plural(rounds, "round", "rounds")
    )
}

pub fn about_minutes(minutes: u32) -> String {
    format!("about {minutes} minutes")
}

pub fn answer_title(round: &str) -> String {
    format!("Questionnaire: {round}")
}

pub fn answer_lead(collaboration: &str, minutes: u32) -> String {
    format!(
        "You are asked about how the partners in {collaboration} work together. It takes {}.",
        about_minutes(minutes)
    )
}

pub fn already_sent(n: usize) -> String {
    format!(
        "{} already been sent from this browser for this round. You can answer again as another person.",
        match n {
            1 => "One set of answers has".to_string(),
            n => format!("{n} sets of answers have"),
        }
    )
}

pub fn role_label(role: RoleCategory) -> &'static str {
    match role {
        RoleCategory::SeniorLeader => "Senior leader or executive",
        RoleCategory::Manager => "Manager",
        RoleCategory::Clinician => "Clinician or practitioner",
        RoleCategory::FrontLine => "Front-line staff",
        RoleCategory::ServiceUser => "Service user or carer representative",
        RoleCategory::Other => "Other",
    }
}

pub fn step_of(step: usize, steps: usize) -> String {
    if step == steps {
        format!("Last step of {steps}: review")
    } else {
        format!("Topic {step} of {}", steps - 1)
    }
}

pub fn answered_of(answered: usize, total: usize) -> String {
    format!("{answered} of {total} statements answered.")
}

pub fn minutes_left(minutes: u32) -> String {
    match minutes {
        0 => "All done.".to_string(),
        1 => "About 1 minute left.".to_string(),
        m => format!("About {m} minutes left."),
    }
}

pub fn change_topic(topic: &str) -> String {
    format!("Change answers on {topic}")
}

pub fn unanswered_left(n: usize) -> String {
    format!(
        "{} not answered. You can still send: unanswered statements are left out, like \"don't know\".",
        plural(n, "statement is", "statements are")
    )
}

pub fn results_title(round: &str) -> String {
    format!("Results: {round}")
}

pub fn results_count(n: usize) -> String {
    format!("Based on the answers of {}.", plural(n, "person", "people"))
}

pub fn unsent_excluded(n: usize) -> String {
    format!(
        "{} not sent yet, so not included.",
        plural(n, "set of answers is", "sets of answers are")
    )
}

pub fn chart_description(items: &[(String, Option<f64>)]) -> String {
    let parts: Vec<String> = items
        .iter()
        .map(|(label, value)| match value {
            Some(v) => format!("{label} {}", trellis_core::scoring::format_score(*v)),
            None => format!("{label} {NOT_ENOUGH_ANSWERS}"),
        })
        .collect();
    format!("Average scores: {}.", parts.join("; "))
}

pub fn instrument_missing(id: &str, version: &str) -> String {
    format!("This round uses questionnaire \"{id}\" version {version}, which this copy of Trellis does not include. Open it with the version of Trellis that created it.")
}

pub fn catalogue_broken(file: &str, problems: &str) -> String {
    format!("Trellis could not load its questionnaire file {file}: {problems}")
}

/// "1 partner", "3 partners".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

pub const ABOUT_LINK: &str = "About the method";
pub const CLEAR_CHOICE: &str = "Clear this answer";
pub const WHOLE_NUMBER: &str = "Enter a whole number, such as 4.";
pub const CONTEXT_LEAD: &str = "These answers describe the collaboration. Trellis uses them to judge which topics matter most here and which actions to suggest first. People answering the questionnaire do not see them.";
pub const CONTEXT_SAVED: &str =
    "Each answer is saved as soon as you give it. You can skip questions and come back later.";
pub const CONTEXT_SECTION: &str = "About this collaboration";
pub const DESCRIBE_COLLABORATION: &str = "Describe the collaboration";
pub const DONE: &str = "Done";

pub fn context_title(collaboration: &str) -> String {
    format!("About {collaboration}")
}

pub fn context_answered(answered: usize, total: usize) -> String {
    format!("{answered} of {total} questions about the collaboration answered.")
}

pub const ABOUT_TITLE: &str = "About the method";
pub const ABOUT_SECTIONS: &[(&str, &[&str])] = &[
    (
        "What Trellis is for",
        &[
            "Trellis helps the partners in a health and care collaboration see how well they are working together, where they see things differently, and what to do next. It is meant to be used again every six to twelve months, so partners can see whether things are moving.",
            "Everyone answers on their own, in private. A facilitator brings the answers together, the group talks about the results, agrees where it wants to be, and chooses actions.",
        ],
    ),
    (
        "Where the questions come from",
        &[
            "The questionnaire is based on a large review of research on why some collaborations between health and care providers work and others stall (Millar, Aunger and colleagues, NIHR, 2023). The review found that leadership behaviours, trust and personal ties, belief in a shared aim, agreements that suit the collaboration, time and money that are openly set aside, fair handling of conflict, and seeing progress all matter.",
            "Each of the eight topics on how the collaboration works, and the ninth on what it has achieved, comes from that research. Every statement was written for Trellis in plain words. The researchers did not write or review it.",
        ],
    ),
    (
        "What it is not",
        &[
            "The questionnaire has not been tested as a validated measure. Nobody has yet checked that its scores are stable over time or predict what a collaboration will achieve. Use the scores to start a conversation, not to grade a collaboration or any partner in it, and compare a collaboration with itself over time rather than with others.",
            "When resources are moved into a new collaboration, results often dip at first. An early dip is expected and is not a sign of failure.",
        ],
    ),
    (
        "How scores are worked out",
        &[
            "Each statement is answered from 1 (strongly disagree) to 5 (strongly agree). A person's score for a topic is the average of their answers on it. \"Don't know\" and \"not applicable\" are left out, and a topic needs at least half of its statements answered to get a score at all.",
            "The group's score for a topic is the average of everyone's scores. Every rule, with worked examples, is written out in the scoring guide that comes with Trellis (docs/scoring.md).",
        ],
    ),
    (
        "Your data",
        &[
            "Trellis runs entirely in your browser. Answers are kept in this browser's storage on this device and are never sent to a server. They only leave the device if you choose to export or send them.",
        ],
    ),
];
pub const SOURCES_TITLE: &str = "Sources";
pub const SOURCES: &[(&str, &str)] = &[
    ("Millar R, Aunger JA, Rafferty AM, Greenhalgh J, Mannion R, McLeod H, Faulks D. Towards achieving interorganisational collaboration between health-care providers: a realist evidence synthesis. Health and Social Care Delivery Research, 2023.", "10.3310/kplt1423"),
    ("Aunger JA, Millar R, Greenhalgh J, Mannion R, Rafferty AM, McLeod H. Why do some inter-organisational collaborations in healthcare work when others do not? A realist review. Systematic Reviews, 2021;10:82.", "10.1186/s13643-021-01630-8"),
    ("Aunger JA, Millar R, Greenhalgh J. When trust, confidence, and faith collide: refining a realist theory of how and why inter-organisational collaborations in healthcare work. BMC Health Services Research, 2021;21:602.", "10.1186/s12913-021-06630-x"),
    ("Aunger JA, Millar R, Rafferty AM, Mannion R, Greenhalgh J, Faulks D, McLeod H. How, when, and why do inter-organisational collaborations in healthcare work? A realist evaluation. PLOS ONE, 2022;17(4):e0266899.", "10.1371/journal.pone.0266899"),
    ("Health Services Management Centre, University of Birmingham. How can we achieve better collaboration across health care providers? Blog post on the final report.", ""),
];
pub const SOURCES_NOTE: &str = "The full provenance of every topic, statement, level and action is in the instrument guide that comes with Trellis (docs/instrument.md).";
