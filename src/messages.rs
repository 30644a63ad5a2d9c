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
