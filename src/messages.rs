//! Every piece of interface text, in one catalogue, so the app can be translated.
//!
//! Respondent-facing text aims at a reading age of 14 or below. Questionnaire wording
//! itself lives in the instrument files, not here.

use trellis_core::command::CommandError;
use trellis_core::config::{ConfigProblem, MAX_CONFIG_BYTES};
use trellis_core::format::config::CONFIG_FORMAT;
use trellis_core::format::{RoleCategory, RESPONSE_FORMAT, TIE_STEPS, WORKSPACE_SCHEMA};
use trellis_core::plan::{PlanError, MAX_TITLE};
use trellis_core::transfer::{CsvProblem, EnvelopePart, Field, Malformed, TransferError, MAX_ITERATIONS};
use trellis_core::workspace::{InputError, LoadError, MAX_COMMENT, MAX_CONTEXT_NUMBER, MAX_NAME, MAX_NOTE};

pub const APP_NAME: &str = "Trellis";
pub const HOME_TITLE: &str = "Trellis";
pub const HOME_LEAD: &str =
    "See how well the partners in a health and care collaboration work together, agree what to improve, and track progress over time.";
pub const PRIVACY_PROMISE: &str = "Everything you enter stays in this browser on this device. Trellis has no server and sends nothing anywhere.";
/// What the respondent's entry (answer.html) shows while its bundle loads.
pub const RESPONDENT_LOADING: &str = "Your answers stay on this device until you choose to send them.";
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
pub const COPY_GONE: &str = "the copy is no longer in this browser (another tab may have deleted it)";
pub const ANSWER_ROUND: &str = "Answer the questionnaire";
pub const SEE_RESULTS: &str = "See results";
pub const ADD_ROUND: &str = "Add a round";
pub const ROUND_ADDED: &str = "Round added.";
/// The panic page (`browser::panic`), built without Yew, so it shows even when the app
/// itself has stopped.
pub const PANIC_HEADING: &str = "Sorry, Trellis has stopped working";
pub const PANIC_BODY: &str = "Something went wrong inside the app. Your answers were saved as you gave them \
and are still in this browser. Reload the page to carry on. If this keeps happening, tell the \
person who sent you the link and include the details below.";
pub const PANIC_RELOAD: &str = "Reload Trellis";
pub const PANIC_DETAILS: &str = "Details for support";
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
pub const SCORE: &str = "Average (1 to 5)";
pub const PEOPLE_SCORED: &str = "People scored";
pub const HOW_SCORED: &str = "How these results are worked out";
pub const METHOD: &[&str] = &[
    "Each statement is answered from 1 (strongly disagree) to 5 (strongly agree). A person's score for a topic is the average of their answers to its statements. \"Don't know\" and \"not applicable\" are left out. If someone answered fewer than half of a topic's statements, they get no score for that topic, rather than a low one.",
    "The group's score for a topic is the average of everyone's scores, shown with a 95% confidence interval (the range the average would likely fall in if more people answered), the median and the middle half of scores. Agreement compares how much people's answers differ with how much they would differ if everyone answered at random: 1 means everyone agrees, 0 means no more agreement than chance.",
    "A topic's level is the middle (median) of the levels people chose. When several people chose levels far from it, the level shows as uncertain, to be settled in discussion. The overall stage is the middle level of the eight topics, but never higher than the level of a topic that is critical for this collaboration.",
    "Where the group recorded an agreed level in discussion, that is the topic's level now, with the levels people chose shown beside it.",
    "Each round keeps the answers about the collaboration's circumstances that it was read under. Changing them later changes the rounds still open and the rounds to come, never a closed round.",
    "Where a level is read from scores, the average places it: below 2.5 (people on average disagree) level 1; from 2.5 level 2; from 3.5, halfway from neither to agree, level 3, where the basics are in place; from 4.0 (agree) level 4; from 4.5 level 5. A readiness condition is in place from the same 3.5, and where no target is set the target is level 3.",
    "The workshop agenda puts topics in order of priority: the levels still to climb, whether the topic is critical for this collaboration, and how much people disagree. Priorities are compared to the nearest half, so that small differences do not decide, and topics of equal priority follow the order the research found: a topic comes before those that build on it, such as trust and written agreements before shared risk.",
    "Actions are suggested for each topic by how well they fit: the topic's level, its weakest statements, the collaboration's circumstances, and statements on which organisations answer differently. Actions on what the collaboration has achieved are suggested when that topic is below its target. Each action says why it was suggested.",
    "Results for an organisation or role are only shown separately when at least three people from it answered; smaller groups are combined with others so that nobody's answers can be worked out. The questionnaire is based on published research on what makes health and care collaborations work; it has not been tested as a validated measure, so treat results as a starting point for discussion.",
];
/// Before the link to the method page under a round's results.
pub const METHOD_MORE: &str = "Where the questionnaire comes from and what it is not:";

pub const STORAGE_UNAVAILABLE_TITLE: &str = "This browser is not letting Trellis save";
pub const STORAGE_UNAVAILABLE: &str = "You can carry on, but everything you enter will be lost when you close or reload this page. Your browser may be in private mode, or its settings may block websites from saving data.";
pub const STORAGE_FULL_TITLE: &str = "Your latest changes could not be saved";
pub const STORAGE_FULL: &str = "This browser's storage is full or refused to save. Your earlier saved data is untouched and your latest changes are kept on this page for now; do not close it until saving works again. First download a backup (below): it includes these latest changes. Then, to make room, open \"Back up, restore and storage\" from the start page and delete rounds you no longer need.";
pub const STORAGE_DAMAGED_TITLE: &str = "Saved data could not be read";
pub const STORAGE_NEWER_TITLE: &str = "Saved data is from a newer version of Trellis";

pub fn storage_damaged(reason: &str, kept_as: Option<&str>) -> String {
    match kept_as {
        Some(key) => format!("Trellis could not read the data saved in this browser ({reason}). It has kept a copy under \"{key}\" and started with an empty workspace, so nothing is lost. To download or remove that copy, open \"Back up, restore and storage\" from the start page."),
        None => format!("Trellis could not read the data saved in this browser ({reason}), and could not make a copy of it. To protect it, nothing you do now will be saved."),
    }
}

pub fn storage_newer(reason: &str) -> String {
    format!("{}. To protect that data, nothing you do here will be saved. Open Trellis at the address where you used the newer version.", sentence_case(reason))
}

/// A clause as the start of a sentence: its first letter in capitals.
fn sentence_case(clause: &str) -> String {
    let mut chars = clause.chars();
    chars
        .next()
        .map_or(String::new(), |first| first.to_uppercase().chain(chars).collect())
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

/// Role labels come from the engine, which also reads them back from CSV files.
pub fn role_label(role: RoleCategory) -> &'static str {
    trellis_core::transfer::role_label(role)
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

/// "1 partner", "3 partners".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// "a", "a and b", "a, b and c".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
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

/// Under the number of partners when it comes from the partners entered at set-up.
pub fn partners_from_setup(n: u32) -> String {
    format!(
        "Filled in from the {} you entered. Change it if the collaboration has others.",
        plural(n as usize, "partner", "partners")
    )
}

/// Which rounds the context page's answers are the context of (see docs/scoring.md,
/// "Context belongs to the round").
pub fn context_applies(open: &[String], closed: &[String]) -> String {
    let open = match open {
        [] => "rounds you add from now on".to_string(),
        names => format!(
            "this collaboration's open {} ({}) and of rounds you add later",
            if names.len() == 1 { "round" } else { "rounds" },
            and_list(names)
        ),
    };
    let closed = match closed {
        [] => String::new(),
        names => format!(" A closed round keeps the answers its results were read under ({}); to correct one, reopen the round, change the answer here and close it again.", and_list(names)),
    };
    format!("These answers are the context of {open}.{closed}")
}

/// An open round whose own answers differ from these (it was reopened, or came from
/// another copy): which answers.
pub fn context_differs(round: &str, questions: &[String]) -> String {
    format!("{round} is read under other answers to {}.", and_list(questions))
}

pub const CONTEXT_CHANGED_TITLE: &str = "The context changed between rounds";
pub const CONTEXT_CHANGED_LEAD: &str = "Each round is read under the context it was given. Where the answers changed, which topics count as critical and which actions are suggested changed with them, so scores may not compare like with like.";
pub const CONTEXT_NOT_ANSWERED: &str = "not answered";

/// "Between Round 1 and Round 2:"
pub fn context_changed_between(earlier: &str, later: &str) -> String {
    format!("Between {earlier} and {later}:")
}

/// One context answer that changed: "Have these partners worked together before?
/// “Yes, with mixed results” in Round 1, “Yes, and it mostly went badly” in Round 2."
pub fn context_change(question: &str, before: &str, earlier: &str, after: &str, later: &str) -> String {
    format!("{question} {before} in {earlier}, {after} in {later}.")
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
            "The readiness check, for a partnership that is still being planned, asks what established partnership tools (from the Nuffield Trust and VicHealth) ask before partners start: is a partnership needed, are the right partners in it, who backs it, what each partner gains and gives, how the partners have got on before, what is set aside for setting up, and how power is shared. The map of how each pair of partners works together uses the five steps of the Levels of Collaboration scale, from networking to collaboration.",
        ],
    ),
    (
        "What comes from research and what Trellis adds",
        &[
            "From the research: the topics, how they affect each other (for example, trust and confidence make partners readier to share risk), and the circumstances that change what matters, such as a mandated partnership or a difficult history.",
            "Trellis's own design: the wording of every statement, the five levels and their descriptions, the score that places each level, which topics count as critical in which circumstances, the rules that give a readiness result, the rules of the partner map, and the suggested actions. These are reasoned choices, written down in full, not findings of the research.",
        ],
    ),
    (
        "What it is not",
        &[
            "The questionnaire has not been tested as a validated measure. Nobody has yet checked that its scores are stable over time or predict what a collaboration will achieve. Use the scores to start a conversation, not to grade a collaboration or any partner in it, and compare a collaboration with itself over time rather than with others.",
            "Version 2 of the questionnaire has new and reworded statements. Before anyone claims it measures what it means to, it needs testing with real respondents: interviews in which people from every role, service users and carers included, say aloud how they read each statement.",
            "When resources are moved into a new collaboration, results often dip at first. An early dip is expected and is not a sign of failure.",
        ],
    ),
    (
        "How scores are worked out",
        METHOD,
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
    ("Frey BB, Lohmeier JH, Lee SW, Tollefson N. Measuring collaboration among grant partners. American Journal of Evaluation, 2006;27(3):383-392.", "10.1177/1098214006290356"),
    ("Hardy B, Hudson B, Waddington E. Assessing strategic partnership: the Partnership Assessment Tool. Nuffield Institute for Health, University of Leeds, 2003.", ""),
    ("VicHealth. The partnerships analysis tool. Victorian Health Promotion Foundation, Melbourne, 2011.", ""),
];
pub const SOURCES_NOTE: &str = "Where every topic, statement, level and action comes from is written up in the instrument guide, published with Trellis's source code.";

pub const FROM_SCORES: &str = "(from scores)";
pub const UNCERTAIN: &str = "Uncertain: views are split";
pub const CRITICAL_TAG: &str = "critical here";
pub const CI_95: &str = "95% confidence interval";
pub const MEDIAN_IQR: &str = "Median (middle half)";
pub const COVERAGE: &str = "Answered";
pub const AGREEMENT: &str = "Agreement";
pub const LEVEL: &str = "Level";
pub const TARGET: &str = "Target";
// How much people agree on a topic, in words; the index itself (rwg) is shown only in
// the results table.
pub const AGREE_VERY_STRONG: &str = "people agree closely";
pub const AGREE_STRONG: &str = "people broadly agree";
pub const AGREE_MODERATE: &str = "people partly agree";
pub const AGREE_WEAK: &str = "views differ";
pub const AGREE_LITTLE: &str = "views differ widely";

/// The words for an agreement band.
pub fn agreement_words(band: trellis_core::analysis::AgreementBand) -> &'static str {
    use trellis_core::analysis::AgreementBand::*;
    match band {
        VeryStrong => AGREE_VERY_STRONG,
        Strong => AGREE_STRONG,
        Moderate => AGREE_MODERATE,
        Weak => AGREE_WEAK,
        Little => AGREE_LITTLE,
    }
}

/// A topic whose chosen level and scores are far apart: "people chose 4 Maturing but
/// the scores suggest 2 Developing".
pub fn mismatch(chosen: &str, scores: &str) -> String {
    format!("people chose {chosen} but the scores suggest {scores}")
}
pub const STAGE_TITLE: &str = "Overall stage";
pub const STAGE_RULE: &str = "The overall stage is the middle level of the eight topics on how the collaboration works, capped at the level of any topic that is critical for this collaboration.";
pub const READINESS_TITLE: &str = "Is the collaboration ready?";
pub const READINESS_FIRST: &str = "Put these conditions in place first, in this order:";
pub const READINESS_ALL_IN_PLACE: &str = "On average, people agree that every condition is in place.";
pub const READINESS_IN_PLACE: &str = "These conditions are in place:";
pub const READINESS_RULE: &str = "A condition is in place when the group's average for its topic is 3.5 or more (halfway from neither to agree, where level 3 starts). Conditions that are critical for this collaboration come first, then the lowest.";
pub const AGENDA_TITLE: &str = "Workshop agenda";
pub const AGENDA_ORDER: &str = "Order the agenda by";
pub const ORDER_PRIORITY: &str = "Priority (gap to target, importance here and disagreement)";
pub const ORDER_CONTESTED: &str = "Most contested first";
pub const AGENDA_RULE: &str = "Priority adds up the levels still to climb to the target (level 3 where none is set), one more for a topic critical here, how much people disagree, and a half for each of: split level choices, levels that do not match the scores, and a large gap between organisations. Priorities are compared to the nearest half; between equal ones, a topic comes before those that build on it (for example trust and agreements before shared risk), then in questionnaire order.";
pub const ACTIONS_RULE: &str = "For each topic below its target or critical here, up to three actions that fit best: those for the topic's level, or a level close to it when they fit this round; ranked by how many reasons they have here (the topic's weakest statements, the collaboration's circumstances, statements on which organisations differ), then by level, then by effort. Actions on what has been achieved are added when that topic is below its target.";
pub const CONTESTED_RULE: &str =
    "Topics with split level choices come first, then those where people agree least.";
pub const SPLIT_REASON: &str = "people chose levels far apart";
pub const NOT_ENOUGH_REASON: &str = "not enough answers to place it";
pub const ACTIONS_TITLE: &str = "Suggested actions";
pub const NO_ACTIONS: &str =
    "No actions are suggested: every topic is at or above its target and none is critical.";
pub const WHY_IT_WORKS: &str = "Why it works:";
pub const WHY_SUGGESTED: &str = "Why it is suggested:";
pub const SIGNS: &str = "How to tell it is working:";
pub const BY_ORGANISATION: &str = "By organisation";
pub const BY_ROLE: &str = "By role";
pub const GROUP: &str = "Group";
pub const PEOPLE: &str = "People";
pub const GAPS_TITLE: &str = "Differences between organisations";
pub const NO_BIG_GAPS: &str =
    "No topic shows a difference of a whole point or more between organisations shown.";
pub const RELIABILITY_TITLE: &str = "How consistent are the statements?";
pub const RELIABILITY_LEAD: &str = "Cronbach's alpha shows whether the statements in a topic hang together on this round's answers. It needs at least 10 people who answered every statement of the topic. Below 0.6 the topic score should be read statement by statement; a weak statement is one that moves little with the others (item-total correlation below 0.3).";
pub const COMPLETE_RESPONSES: &str = "Complete answers";
pub const ALPHA: &str = "Alpha";
pub const WEAK_STATEMENTS: &str = "Weak statements";
pub const LOW: &str = "low";

pub fn level_name(level: u8, name: &str) -> String {
    if name.is_empty() {
        format!("Level {level}")
    } else {
        format!("{level} {name}")
    }
}

pub fn context_condition(option: &str) -> String {
    quoted(option)
}

/// Text in curly quotes.
pub fn quoted(text: &str) -> String {
    format!("\u{201c}{text}\u{201d}")
}

pub fn critical_because(condition: &str) -> String {
    format!("critical for this collaboration ({condition})")
}

pub fn below_target(levels: u8, target: &str, set: bool) -> String {
    let what = if set {
        format!("the target of {target}")
    } else {
        format!("{target}, the level used where no target is set")
    };
    format!("{} below {what}", plural(usize::from(levels), "level", "levels"))
}

/// Why disagreement puts a topic on the agenda, in the words of its agreement band.
pub fn disagreement(agreement: f64) -> String {
    agreement_words(trellis_core::analysis::AgreementBand::of(agreement)).to_string()
}

pub fn organisation_gap(gap: f64) -> String {
    format!(
        "organisations differ by {}",
        trellis_core::scoring::format_score(gap)
    )
}

pub fn stage_held_back(median: &str, held: &str) -> String {
    format!("The middle level of the topics is {median}, but the stage is held back by {held}, which is critical for this collaboration.")
}

pub fn average(score: Option<String>) -> String {
    match score {
        Some(s) => format!("average {s}"),
        None => NOT_ENOUGH_ANSWERS.to_string(),
    }
}

pub fn action_meta(domain: &str, effort: &str, horizon: &str) -> String {
    format!("{domain} · {effort} effort · {}", horizon_words(horizon))
}

/// The instrument's horizons (`quick-win`, `months`, `year`) with the words for each, in
/// the order the action library offers them.
pub const HORIZONS: [(&str, &str); 3] = [
    ("quick-win", "a quick win"),
    ("months", "takes months"),
    ("year", "takes a year or more"),
];

/// How long an action takes, in words: "a quick win".
pub fn horizon_words(horizon: &str) -> &'static str {
    HORIZONS
        .iter()
        .find(|(id, _)| *id == horizon)
        .map_or(HORIZONS[2].1, |(_, words)| words)
}

// --- The action library ---
pub const LIBRARY_LINK: &str = "Browse all actions";
pub const LIBRARY_LEAD: &str = "Every action in the questionnaire, not only those suggested for this round. Narrow the list, then add any action to this round's plan.";
pub const LIBRARY_FILTERS: &str = "Show actions";
pub const ANY_TOPIC: &str = "Any topic";
pub const LEVEL_SUITED: &str = "Suits the level";
pub const ANY_LEVEL: &str = "Any level";
pub const HORIZON: &str = "How long it takes";
pub const ANY_HORIZON: &str = "Any time";
pub const FITS_CONTEXT: &str = "Only actions that fit this collaboration's context";
pub const NO_CONTEXT_YET: &str =
    "The questions about this collaboration are not answered yet, so no action can fit them.";
pub const ANSWER_CONTEXT: &str = "Answer them";
pub const CLEAR_FILTERS: &str = "Show every action";
pub const NO_LIBRARY_MATCH: &str = "No action matches all of these choices. Choose fewer.";
pub const SUITS_LEVELS: &str = "Suits:";
pub const COMES_FIRST: &str = "Comes first when the answer about the collaboration is:";
pub const FITS_HERE: &str = "Fits this collaboration:";
pub const BACK_TO_PLAN: &str = "Back to the plan";

pub fn library_title(round: &str) -> String {
    format!("All actions: {round}")
}

/// "12 of 49 actions", the live count above the list.
pub fn library_count(shown: usize, total: usize) -> String {
    format!("{shown} of {}", plural(total, "action", "actions"))
}

/// "“a”, “b” or “c”".
pub fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

// --- Why an action is suggested (rules version 2) ---

/// What the engine says about one suggested action, ready to be put in words.
pub struct WhySuggested<'a> {
    /// The topic's place on the agenda (1 = first); `None` for a topic not on the agenda
    /// (outcomes, or a readiness topic).
    pub place: Option<usize>,
    /// For a readiness topic (a condition of the readiness result), where it stands in
    /// words ("not yet in place, average 2.8"): its actions are matched to that, not to a
    /// maturity level.
    pub condition: Option<&'a str>,
    /// The topic's level now, as "2 Developing".
    pub level: &'a str,
    /// Whether the action is meant for that level (otherwise for one close to it).
    pub suits_level: bool,
    /// The topic's weakest statements it works on, each from [`weak_statement`].
    pub weakest: &'a [String],
    /// The context answers it fits, each in quotes.
    pub matches: &'a [String],
    /// Statements it works on where organisations differ, each from [`gap_statement`].
    pub gaps: &'a [String],
}

pub fn why_suggested(w: &WhySuggested) -> String {
    let mut parts = vec![match (w.place, w.condition) {
        (Some(place), _) => format!("its topic is number {place} on the agenda"),
        (None, Some(standing)) => {
            format!("its topic is a condition to meet before going ahead ({standing})")
        }
        (None, None) => "this topic, on what the collaboration has achieved, is below its target".to_string(),
    }];
    parts.push(match (w.condition, w.suits_level) {
        (Some(_), true) => "it is meant for a topic where this one stands".to_string(),
        (Some(_), false) => "it is meant for a topic close to where this one stands".to_string(),
        (None, true) => format!("it suits the topic's level, {}", w.level),
        (None, false) => format!("it is meant for a level close to the topic's level, {}", w.level),
    });
    if !w.weakest.is_empty() {
        parts.push(format!(
            "it works on {}, among the topic's weakest statements",
            w.weakest.join(" and ")
        ));
    }
    if !w.matches.is_empty() {
        parts.push(format!(
            "it fits this collaboration because of {}",
            w.matches.join(" and ")
        ));
    }
    if !w.gaps.is_empty() {
        parts.push(format!(
            "it works on {}, where organisations' answers differ by a point or more",
            w.gaps.join(" and ")
        ));
    }
    format!("{}.", parts.join("; "))
}

/// A weakest statement and its average: "“Partners ...” (average 2.3)".
pub fn weak_statement(text: &str, mean: f64) -> String {
    format!(
        "\u{201c}{text}\u{201d} (average {})",
        trellis_core::scoring::format_score(mean)
    )
}

/// A statement organisations answer differently: "“Partners ...” (a gap of 1.5)".
pub fn gap_statement(text: &str, gap: f64) -> String {
    format!(
        "\u{201c}{text}\u{201d} (a gap of {})",
        trellis_core::scoring::format_score(gap)
    )
}

/// The averages a level read from scores stands for (rule 9 of docs/scoring.md).
pub fn from_scores(from: Option<f64>, below: Option<f64>) -> String {
    let score = trellis_core::scoring::format_score;
    match (from, below) {
        (Some(f), Some(b)) => format!(
            "(from scores: an average from {} to below {})",
            score(f),
            score(b)
        ),
        (Some(f), None) => format!("(from scores: an average of {} or more)", score(f)),
        (None, Some(b)) => format!("(from scores: an average below {})", score(b)),
        (None, None) => FROM_SCORES.to_string(),
    }
}

/// Which version of the rules produced a result (the About page and the board report).
pub fn rules_version(version: &str) -> String {
    format!("These results follow version {version} of Trellis's rules for levels, readiness, the agenda and actions. Rounds answered earlier are read under the same rules.")
}

// --- end of why an action is suggested ---

pub fn breakdown_withheld(min: usize) -> String {
    format!("Not shown: there are not enough people in each group to show any group without risking that someone's answers could be worked out (groups need at least {min}).")
}

pub fn suppression_rule(min: usize) -> String {
    format!("Groups with fewer than {min} people are never shown on their own. They are combined with other groups, so that no small group can be worked out by taking the others away from the total.")
}

pub fn combined_group(members: &str) -> String {
    format!("Combined: {members}")
}

pub fn gap_line(domain: &str, high: &str, low: &str, gap: &str) -> String {
    format!("{domain}: {high} scores {gap} points higher than {low}.")
}

pub fn needs_complete(complete: usize) -> String {
    format!("needs 10 complete answers (has {complete})")
}

pub const CONSENSUS_LEAD: &str = "Record what the group agreed for each topic in the workshop: the level, why, and the evidence. This is kept apart from the individual answers and shown beside them.";
pub const AGREED_LEVEL: &str = "Agreed level";
pub const NOT_AGREED: &str = "Not agreed yet";
pub const RATIONALE: &str = "Why the group agreed this";
pub const EVIDENCE: &str = "Evidence and notes";
pub const RECORD_CONSENSUS: &str = "Record the agreed view and targets";
pub const AGREED: &str = "Agreed";

pub fn consensus_title(round: &str) -> String {
    format!("Agreed view and targets: {round}")
}

pub fn score_spread(mean: &str, q1: &str, q3: &str) -> String {
    format!("average {mean}, middle half {q1} to {q3}")
}

pub fn group_view(level: &str, spread: &str) -> String {
    format!("The group's answers: level {level}; {spread}.")
}

pub fn earlier_consensus(round: &str, level: &str, rationale: &str) -> String {
    if rationale.trim().is_empty() {
        format!("Agreed in {round}: level {level}.")
    } else {
        format!("Agreed in {round}: level {level}. {rationale}")
    }
}

pub const KIOSK_LEAD: &str = "Use one device for several people at a workshop. Each person answers in turn; their answers are stored on this device and hidden before the next person starts.";
pub const KIOSK_HOW: &str = "Results and the rest of Trellis are hidden until you end the session.";
pub const KIOSK_START: &str = "Start the workshop session";
pub const KIOSK_THANKS: &str = "Thank you, your answers are saved";
pub const KIOSK_NEXT: &str = "Please hand the device to the next person.";
pub const KIOSK_NEXT_PERSON: &str = "Start as the next person";
pub const KIOSK_FOR_FACILITATOR: &str = "For the facilitator";
pub const KIOSK_END: &str = "End the workshop session";
pub const KIOSK_END_CONFIRM: &str = "Yes, end the session";
pub const KIOSK_CONFIRM_END: &str =
    "Ending the session shows the results on this device. Only do this when everyone has finished.";
pub const KIOSK_BANNER: &str =
    "Workshop session: answers are saved on this device and hidden before the next person starts.";
pub const RUN_WORKSHOP: &str = "Run a workshop session";

pub fn kiosk_title(round: &str) -> String {
    format!("Workshop session: {round}")
}
pub const RESULTS_HIDDEN_TITLE: &str = "Results are hidden during the workshop session";
pub const RESULTS_HIDDEN: &str = "So that nobody sees other people's answers, results stay hidden until the facilitator ends the workshop session.";

pub const INVITE_LEAD: &str = "Send this link to the people you want to hear from, in every partner organisation. Everything about the round travels inside the link itself, so nothing is stored on a server. People answer privately on their own device and send their answers back to you.";
pub const CONTACT_LABEL: &str = "Where should people send their answers? (optional)";
pub const CONTACT_HINT: &str =
    "Usually your work email address. It goes into the link so that people can email their answers to you.";
pub const INVITATION_LINK: &str = "Invitation link";
pub const COPY_LINK: &str = "Copy the link";
pub const PRINT_SHEET: &str = "Print the invitation sheet";
pub const COPIED: &str = "Copied.";
pub const COPY_YOURSELF: &str = "This browser did not allow copying. Select the text and copy it yourself.";
pub const IMPORT_ANSWERS: &str = "Import the answers people send back";
pub const SHEET_PRIVACY: &str = "Your answers stay on your own device while you answer. Nothing is sent anywhere until you choose to send them, and then only to the person who invited you.";
pub const SHEET_HOW: &str = "How to take part";
pub const SHEET_STEP_SCAN: &str =
    "Scan the code with your phone\u{2019}s camera, then open the link it shows.";
pub const SHEET_STEP_TYPE: &str = "Or type this address into your web browser:";
pub const SHEET_QR_ALT: &str = "QR code of the invitation link, the same address as in step 2";
pub const SHEET_OFFLINE: &str = "Once the page has opened, it keeps working even if your connection drops.";
pub const PRINT_SHEET_HINT: &str = "The sheet below is what prints, on one A4 page: a QR code people can scan with their phone, the link and short instructions. You can also show it on a screen in a meeting.";
pub const BAD_LINK_TITLE: &str = "This invitation link does not work";
pub const BAD_LINK_HELP: &str =
    "Ask the person who sent it for a new link, and copy it in full, from start to end.";
pub const JOIN_SEND: &str = "When you have finished, you choose how to send your answers back: as a file, or as a code to paste into an email.";
pub const NOTHING_SENT_TITLE: &str = "You have not finished answering yet";
pub const SEND_BACK_TITLE: &str = "Send your answers to the facilitator";
pub const SEND_FILE: &str = "As a file";
pub const SEND_FILE_HOW: &str =
    "Download a small file and attach it to an email or a Teams message to the person who invited you. If they named a shared folder (for example in Teams or SharePoint), you can save the file into that folder instead.";
pub const DOWNLOAD_FILE: &str = "Download my answers";
pub const SEND_CODE: &str = "As a code";
pub const SEND_CODE_HOW: &str = "Or copy this code and paste it into an email or chat message. The code is your answers in a compact form; it has a check built in, so a damaged code is noticed.";
pub const YOUR_CODE: &str = "Your answers as a code";
pub const COPY_CODE: &str = "Copy the code";
pub const PROTECT_TITLE: &str = "Protect with a passphrase (optional)";
pub const PROTECT_HOW: &str = "If you would rather your answers could not be read by anyone who sees the message, lock the code with a passphrase. Tell the person who invited you the passphrase another way, for example by phone.";
pub const PASSPHRASE: &str = "Passphrase (at least 8 characters)";
pub const PASSPHRASE_REPEAT: &str = "Type the passphrase again";
pub const PROTECT: &str = "Lock the code";
pub const PROTECTED_CODE: &str = "Your locked code";
pub const PASSPHRASE_SHORT: &str = "Use a passphrase of at least 8 characters.";
pub const PASSPHRASE_DIFFERENT: &str = "The two passphrases are different. Type them again.";
pub const CRYPTO_UNAVAILABLE: &str = "This browser cannot lock codes here: passphrase protection needs the page to be opened over a secure (https) connection. You can still send the plain code or the file.";
pub const SHARE_PASSPHRASE_APART: &str =
    "Send the passphrase separately from the code, for example by phone.";
pub const WHAT_YOU_SENT: &str = "What you sent";
pub const SHOW_ANSWERS: &str = "Show my answers";
pub const NOT_ANSWERED: &str = "Not answered";
pub const PASTED: &str = "Pasted text";
pub const IGNORE_COLUMN: &str = "Leave out";
pub const RESPONSE_ID: &str = "Response id";
pub const CSV_MAPPING_HELP: &str = "Check what each column holds. Trellis has matched columns to statements by their wording; change any that are wrong, and leave out columns such as names, emails and times.";
pub const COLUMN: &str = "Column";
pub const MEANS: &str = "What it holds";
pub const READ_ROWS: &str = "Read the rows";
pub const IMPORT_LEAD: &str = "Add the answers people sent back: files, codes pasted from emails, or a survey tool's export (CSV or Excel, from Microsoft Forms, Google Forms, SurveyMonkey, Qualtrics or Jisc). Each one is checked first; nothing changes until you choose to add them, and then all the good ones are added together.";
pub const IMPORT_PASSPHRASE: &str = "Passphrase for locked codes (if any)";
pub const IMPORT_PASSPHRASE_HINT: &str = "Only needed for codes that people locked with a passphrase.";
pub const IMPORT_FILES: &str = "Files";
pub const DROP_HINT: &str = "You can choose several files at once, or drop them here.";
pub const IMPORT_CODES: &str = "Codes";
pub const PASTE_CODES: &str = "Paste codes";
pub const PASTE_HINT: &str = "Paste one or many codes, or a whole email: Trellis finds the codes in it.";
pub const READ_CODES: &str = "Read the codes";
pub const READING: &str = "Reading…";
pub const CHECKED_TITLE: &str = "Checked, ready to add";
pub const CLEAR_LIST: &str = "Start again";
pub const IMPORT_DONE_TITLE: &str = "Import finished";
pub const PAPER_TITLE: &str = "Paper answers";
pub const PAPER_HOW: &str =
    "For someone who answered on paper, enter their answers yourself, choosing their organisation and role.";
pub const ENTER_PAPER: &str = "Enter a paper response";
pub const INVITE: &str = "Invite";
pub const IMPORT: &str = "Import answers";

pub fn invite_title(round: &str) -> String {
    format!("Invite people: {round}")
}

pub fn sheet_heading(collaboration: &str) -> String {
    format!("You are invited to say how {collaboration} is working")
}

pub fn sheet_intro(round: &str, minutes: u32) -> String {
    format!(
        "This is the \u{201c}{round}\u{201d} assessment. It takes {}, on your own phone or computer, and your views are combined with those of people from every partner.",
        about_minutes(minutes)
    )
}

pub fn sheet_from(contact: &str) -> String {
    format!("From {contact}, who collects the answers and can help with any questions.")
}

pub fn sheet_step_send(contact: Option<&str>) -> String {
    let to = contact.unwrap_or("the person who invited you");
    format!("Choose your organisation and role and answer the statements; your answers are saved as you go. At the end, send them to {to}.")
}

/// "Partners taking part: A, B and C."
pub fn sheet_partners(names: &[&str]) -> String {
    let list = match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.join(""),
    };
    format!("Partners taking part: {list}.")
}

pub fn bad_link(reason: &str) -> String {
    format!("The link is damaged or incomplete: {reason}.")
}

pub fn join_title(collaboration: &str) -> String {
    format!("You are invited to say how {collaboration} is working")
}

pub fn join_lead(round: &str, minutes: u32) -> String {
    format!(
        "This is the \u{201c}{round}\u{201d} assessment. It takes {}.",
        about_minutes(minutes)
    )
}

pub fn asked_by(contact: &str) -> String {
    format!("Asked by: {contact}")
}

pub fn send_back_lead(collaboration: &str) -> String {
    format!("Your answers about {collaboration} are saved on this device. The person who invited you gets them only when you send them: choose one way below.")
}

pub fn email_subject(collaboration: &str, round: &str) -> String {
    format!("Trellis answers: {collaboration}, {round}")
}

pub fn email_body(code: &str) -> String {
    format!("Here are my answers for the Trellis assessment:\n\n{code}\n")
}

pub fn email_to(contact: &str) -> String {
    format!("Open an email to {contact}")
}

pub fn response_file_name(round: &str, date: &str) -> String {
    let safe: String = round
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("trellis-answers-{safe}-{date}.json")
}

pub fn crypto_failed(detail: &str) -> String {
    format!("The code could not be locked ({detail}). You can still send the plain code or the file.")
}

pub fn what_you_sent(answered: usize, total: usize) -> String {
    format!("You answered {answered} of {total} statements.")
}

pub fn answer_label(instrument: &trellis_core::Instrument, answer: trellis_core::format::Answer) -> String {
    use trellis_core::format::Answer;
    let scale = instrument.scale();
    match answer {
        Answer::Scale(v) => scale
            .points
            .iter()
            .find(|p| p.value == v)
            .map_or(v.to_string(), |p| p.label.clone()),
        Answer::DontKnow => scale.dont_know.clone(),
        Answer::NotApplicable => scale.not_applicable.clone(),
    }
}

pub fn code_source(source: &str, n: usize) -> String {
    format!("{source}, code {n}")
}

pub fn csv_title(file: &str) -> String {
    format!("Columns of {file}")
}

pub fn statement_option(text: &str) -> String {
    let short: String = text.chars().take(70).collect();
    if short.len() < text.len() {
        format!("Statement: {short}…")
    } else {
        format!("Statement: {short}")
    }
}

pub fn level_option(domain: &str) -> String {
    format!("Level chosen for {domain}")
}

pub fn import_title(round: &str) -> String {
    format!("Import answers: {round}")
}

pub fn import_added(source: &str, organisation: &str) -> String {
    format!("Added: {source} ({organisation})")
}

pub fn import_updated(source: &str, organisation: &str) -> String {
    format!("Updated with a newer copy: {source} ({organisation})")
}

pub fn import_rejected(source: &str, reason: &str) -> String {
    format!("Not used: {source}: {reason}")
}

pub fn add_to_round(n: usize) -> String {
    format!("Add {} to the round", plural(n, "response", "responses"))
}

// Duplicates and conflicts in an import (issue 19).

pub fn import_unchanged(source: &str, reason: trellis_core::transfer::Unchanged) -> String {
    match reason {
        trellis_core::transfer::Unchanged::Identical => format!("Already here, the same answers: {source}"),
        trellis_core::transfer::Unchanged::Older => {
            format!("Already here: {source} is an older copy; the newer one is kept")
        }
    }
}

/// A conflict shown before the facilitator can choose: the first copy is kept for now.
pub fn import_conflict(source: &str, first: Option<&str>) -> String {
    let first = first.map_or_else(|| "the answers already here".to_string(), |f| f.to_string());
    format!("Not used for now: {source} has the same id and time as {first} but different answers. The first is kept.")
}

pub const TARGET_LEVEL: &str = "Target level for the next round";
pub const NO_TARGET: &str = "No target set";
pub const CLOSE_ROUND: &str = "Close round";
pub const REOPEN_ROUND: &str = "Reopen round";
pub const CLOSED: &str = "closed";
pub const ROUND_CLOSED: &str = "This round is closed, so it takes no more answers. Ask the person who runs it if you think this is a mistake.";
pub const MIN_GROUP_LABEL: &str = "Smallest group shown on its own (never fewer than 3)";

// Dashboard charts, action plan, board report, progress over time, exports, example data.

pub const RADAR_TITLE: &str = "Topics at a glance";
pub const RADAR_VALUE: &str = "Average score";
pub const RADAR_BAND: &str = "Middle half of people's scores";
pub const RADAR_TARGET: &str = "Target level";
pub const RADAR_AGREED: &str = "Agreed level";
pub const SHOW_TABLE: &str = "Show as a table";
pub const TOPIC_OR_STATEMENT: &str = "Topic or statement";
pub const ANSWERS_BY_TOPIC: &str = "How people answered, by topic";

pub fn distribution_alt(caption: &str) -> String {
    format!("{caption}: stacked bars showing the share of each answer. The numbers are in the table that follows.")
}

/// The radar's text alternative.
pub fn radar_summary(parts: &[String]) -> String {
    format!(
        "Average score of each topic on a scale of 1 to 5: {}. The numbers are in the table of scores below.",
        parts.join("; ")
    )
}

pub const PLAN_LEAD: &str = "Set what each topic should reach, choose actions from the suggestions or write your own, and agree who does what by when. Everything is saved as you go.";
pub const PLAN_REVIEW_LEAD: &str =
    "These actions were still open at the last round. Say what happened to each one; those still in progress stay on the plan.";
pub const TARGETS_TITLE: &str = "Targets and gaps";
pub const CURRENT_LEVEL: &str = "Level now";
pub const GAP: &str = "Gap";
pub const CHANGE_TARGETS: &str = "Change targets or record what the group agreed";
pub const PLAN_TITLE: &str = "The action plan";
pub const PLAN_EMPTY: &str = "No actions yet. Add suggested actions below, or write your own.";
pub const OWN_ACTION_TITLE: &str = "Add your own action";
pub const BOARD_REPORT: &str = "Board report";
pub const BACK_TO_RESULTS: &str = "Back to the results";
pub const STATUS_DONE: &str = "Done";
pub const STILL_IN_PROGRESS: &str = "Still in progress";
pub const STATUS_DROPPED: &str = "Dropped";
pub const CONFIRM_REMOVE_ACTION: &str = "Remove this action from the plan?";
pub const CARRIED_NOTE: &str = "Carried forward from the last round.";
pub const MEASURE: &str = "How we will know it worked:";
pub const ON_THE_PLAN: &str = "On the plan";
pub const ACTION_TEXT: &str = "What will be done";
pub const OWNER: &str = "Who leads it";
pub const DUE: &str = "Due by";
pub const STATUS: &str = "Status";
pub const SAVE_ACTION: &str = "Save the action";
pub const ADD_ACTION: &str = "Add to the plan";
pub const CANCEL: &str = "Cancel";
pub const PLAN_AND_TARGETS: &str = "Targets and action plan";

pub fn plan_title(round: &str) -> String {
    format!("Targets and action plan: {round}")
}

pub fn review_title(round: &str) -> String {
    if round.is_empty() {
        "Actions to review".to_string()
    } else {
        format!("Actions to review from {round}")
    }
}

pub fn review_question(title: &str) -> String {
    format!("What happened to: {title}")
}

pub fn levels_to_go(gap: u8) -> String {
    match gap {
        0 => "Target reached".to_string(),
        1 => "1 level to go".to_string(),
        n => format!("{n} levels to go"),
    }
}

pub fn status_name(status: trellis_core::format::ActionStatus) -> &'static str {
    use trellis_core::format::ActionStatus::*;
    match status {
        Planned => "Planned",
        InProgress => "In progress",
        Done => STATUS_DONE,
        Dropped => STATUS_DROPPED,
    }
}

pub fn plan_counts(counts: &[usize; 4]) -> String {
    format!(
        "{} planned, {} in progress, {} done, {} dropped.",
        counts[0], counts[1], counts[2], counts[3]
    )
}

/// "Trust · Lead: Chief nurse · Due 31 March 2027", leaving out what is not set.
pub fn plan_meta(topic: &str, owner: &str, due: &str) -> String {
    let mut parts = vec![topic.to_string()];
    if !owner.is_empty() {
        parts.push(format!("Lead: {owner}"));
    }
    if !due.is_empty() {
        parts.push(format!("Due {}", uk_date(due)));
    }
    parts.join(" · ")
}

pub fn edit_action(title: &str) -> String {
    format!("Edit “{}”", short(title))
}

pub fn remove_action(title: &str) -> String {
    format!("Remove “{}”", short(title))
}

pub fn adopt_action(title: &str) -> String {
    format!("Add “{}” to the plan", short(title))
}

/// The first few words of a long title, for button labels.
fn short(title: &str) -> String {
    let words: Vec<&str> = title.split_whitespace().collect();
    if words.len() <= 6 {
        words.join(" ")
    } else {
        format!("{}…", words[..6].join(" "))
    }
}

pub const PRINT_REPORT: &str = "Print or save as PDF";
pub const EXAMPLE_LABEL: &str = "Fictional example data";
pub const REPORT_STAGE: &str = "Overall stage";
pub const REPORT_LEVELS: &str = "Topic levels and how much people agree";
pub const REPORT_SPREAD: &str = "Average (middle half of scores)";
pub const REPORT_GAPS: &str = "Biggest gaps to work on";
pub const REPORT_ACTIONS: &str = "Agreed actions";
pub const REPORT_CHANGE: &str = "Change since the last round";
pub const REPORT_METHOD: &str = "How the results are worked out";
pub const APPENDIX_DOMAINS: &str = "Appendix A: every topic in detail";
pub const APPENDIX_STATEMENTS: &str = "Appendix B: how people answered each statement";
pub const NO_EARLIER_ROUND: &str = "This is the first round, so there is nothing to compare with yet.";
pub const NOW: &str = "Now";
pub const CHANGE: &str = "Change";
pub const IMPROVED: &str = "Improved";
pub const DECLINED: &str = "Declined";
pub const NO_CLEAR_CHANGE: &str = "No clear change";
pub const TOO_FEW_TO_COMPARE: &str = "Too few answers to compare";
pub const QUESTIONS_CHANGED: &str = "Not comparable: the questions changed";
pub const MIX_CHANGED: &str = "A different mix of organisations or roles answered this time, so part of any change may come from who answered rather than from the collaboration.";
pub const EARLY_DIP: &str = "Scores often dip for a while when partners start working more closely and problems become visible. A dip soon after a change is not necessarily a step back.";
pub const METHOD_SHORT: [&str; 3] = [
    "Each person rated statements about the collaboration from 1 (strongly disagree) to 5 (strongly agree); a topic's score is the average of their ratings, and the group's score is the average over people, with the middle half of scores showing how much views differ.",
    "A topic's level is the one the group agreed in discussion where it recorded one, otherwise the middle of the levels people chose (or, where they were not asked, the level their scores fall in); change between rounds is called only when the 95% interval of the difference excludes zero.",
    "The questionnaire is derived from a published review of research on collaboration between health and care providers (NIHR, 2023); it has not been validated, so the results are a starting point for discussion, not a grade.",
];
pub const LATEST_CHANGE: &str = "Since the round before:";
pub const PROGRESS_NEEDS_TWO: &str = "Progress over time needs at least two rounds. Add a round from the collaboration page when it is time to ask again.";
pub const PROGRESS_LEAD: &str =
    "Each chart shows a topic's average score at each round, with a line for its 95% confidence interval.";
pub const ALL_ROUNDS: &str = "Average score at each round";
pub const PEOPLE_ANSWERED: &str = "People who answered";
pub const PROGRESS_OVER_TIME: &str = "Progress over time";
pub const COMMENTS: &str = "Comments";
pub const NO_COMMENTS: &str = "Nobody left a comment on this topic.";
pub const COMMENTS_WITHHELD: &str =
    "Comments are hidden until at least three people have answered, so that nobody can be recognised.";
pub const STATEMENTS_LEAD: &str =
    "How people answered each statement, with the average in brackets, and what they wrote.";
pub const STATEMENTS_IN_DETAIL: &str = "Each statement in detail";
pub const EXPORT_TITLE: &str = "Export";
pub const EXPORT_LINK: &str = "Export this round's answers and scores";

pub fn export_title(round: &str) -> String {
    format!("Export: {round}")
}
pub const EXPORT_LEAD: &str =
    "Download the results to work on them elsewhere. Files are made in this browser; nothing is uploaded.";
pub const EXPORT_ANSWERS: &str = "Answers (CSV)";
pub const EXPORT_SCORES: &str = "Scores by person (CSV)";
pub const EXPORT_SUMMARY: &str = "Summary by topic (CSV)";
pub const EXPORT_ROUND: &str = "Round file for another Trellis";
pub const EXPORT_HINT: &str = "CSV files open in Excel and other spreadsheets. The round file can be opened by another facilitator's Trellis (start page, then \"Back up, restore and storage\"). Exports contain every sent answer, including comments: store and share them as you would any survey data.";

pub fn readiness_summary(in_place: usize, total: usize) -> String {
    format!("{in_place} of {total} conditions for working together are in place.")
}

pub fn stage_summary(level: &str) -> String {
    format!("The collaboration is at {level}.")
}

pub fn report_meta(date: &str, people: usize, partners: usize) -> String {
    format!(
        "Round date {} · {} from {} · results as sent",
        uk_date(date),
        plural(people, "person answered", "people answered"),
        plural(partners, "partner organisation", "partner organisations")
    )
}

pub fn progress_title(name: &str) -> String {
    format!("Progress over time: {name}")
}

pub fn statements_title(round: &str) -> String {
    format!("Each statement: {round}")
}

pub fn statements_caption(topic: &str) -> String {
    format!("How people answered the statements on {topic}")
}

pub fn downloaded(name: &str) -> String {
    format!("Downloaded {name}.")
}

/// Why the browser could not read a picked file (a clause, see [`file_unreadable`]).
pub const FILE_NOT_TEXT: &str = "the file is not text";
pub const FILE_READ_FAILED: &str = "the browser could not read the file";
/// Why a download could not be offered (a clause, see [`download_failed`]).
pub const DOWNLOAD_REFUSED: &str = "the browser refused to create the file";

pub fn download_failed(why: &str) -> String {
    format!("The file could not be made: {why}.")
}
pub const OVERVIEW: &str = "Overview";
pub const ROUND_TOOLS: &str = "Tools for this round";
pub const EXAMPLE_TITLE: &str = "Try it with example data";
pub const EXAMPLE_LEAD: &str = "Load a made-up collaboration of four partners with two rounds of answers, to see every view of Trellis before you use your own. It is clearly labelled and can be removed in one click.";
pub const EXAMPLE_LOADED: &str =
    "The fictional example is loaded. Removing it leaves your own collaborations untouched.";
pub const TRY_EXAMPLE: &str = "Load the example";
pub const REMOVE_EXAMPLE: &str = "Remove the example";
pub const CONFIRM_REMOVE_EXAMPLE: &str = "Remove the fictional example collaboration and all its answers?";
pub const OPEN_FILE_TITLE: &str = "Open a Trellis file";
pub const OPEN_FILE_LABEL: &str = "Choose a round or collaboration file";
pub const OPEN_FILE_HINT: &str = "A file saved with \"Round file for another Trellis\". You will see what it adds before anything changes; nothing here is overwritten.";
pub const ADD_FILE: &str = "Add it to this browser";

pub fn file_unreadable(name: &str, why: &str) -> String {
    format!("\"{name}\" could not be read: {why}.")
}

pub fn file_too_big(name: &str, mb: usize) -> String {
    format!("\"{name}\" is larger than {mb} MB, so it is not a Trellis file.")
}

pub fn not_a_trellis_file(name: &str, why: &str) -> String {
    format!("\"{name}\" is not a Trellis file Trellis can open: {why}. Nothing has changed.")
}

pub fn merge_preview(name: &str, r: &trellis_core::merge::MergeReport) -> String {
    if !r.changes_anything() {
        return format!("Everything in \"{name}\" is already in this browser. Nothing to add.");
    }
    let added: Vec<String> = [
        (r.collaborations_added, "collaboration", "collaborations"),
        (r.rounds_added, "round", "rounds"),
        (r.responses_added, "set of answers", "sets of answers"),
        (r.plan_items_added, "action", "actions"),
    ]
    .into_iter()
    .filter(|(n, ..)| *n > 0)
    .map(|(n, one, many)| plural(n, one, many))
    .collect();
    let updated: Vec<String> = [
        (r.responses_updated, "set of answers", "sets of answers"),
        (r.plan_items_updated, "action", "actions"),
        (r.consensus_updated, "agreed view", "agreed views"),
    ]
    .into_iter()
    .filter(|(n, ..)| *n > 0)
    .map(|(n, one, many)| plural(n, one, many))
    .collect();
    let updated = (!updated.is_empty()).then(|| format!("updates {}", and_list(&updated)));
    let mut text = match (added.is_empty(), updated) {
        (false, Some(u)) => format!("\"{name}\" adds {}, and {u}.", and_list(&added)),
        (false, None) => format!("\"{name}\" adds {}.", and_list(&added)),
        (true, Some(u)) => format!("\"{name}\" {u}."),
        (true, None) => format!("\"{name}\" changes nothing here."),
    };
    if r.responses_unchanged > 0 {
        text.push_str(&format!(
            " {} already here.",
            plural(r.responses_unchanged, "set of answers is", "sets of answers are")
        ));
    }
    if r.responses_orphaned > 0 {
        text.push_str(&format!(
            " {} to a round that is not in the file and {} left out.",
            plural(
                r.responses_orphaned,
                "set of answers belongs",
                "sets of answers belong"
            ),
            if r.responses_orphaned == 1 { "is" } else { "are" }
        ));
    }
    text
}

pub fn still_to_review(n: usize) -> String {
    match n {
        0 => "All carried actions are reviewed.".to_string(),
        1 => "1 action still to review.".to_string(),
        n => format!("{n} actions still to review."),
    }
}
pub const OPENING: &str = "Opening the page…";
pub const OPEN_PAGE: &str = "Open it";
pub const HEATMAP_KEY: &str = "Darker cells are higher averages, in five steps from 1 to 5; the number in each cell is the average itself.";
pub const GOING_WELL: &str = "What is going well";
pub const NEEDS_ATTENTION: &str = "What needs attention";
pub const NOTHING_STANDS_OUT: &str = "No topic stands out yet.";

pub const IN_WORDS: &str = "Strengths and concerns";

/// "Trust and relationships: average 3.9; people broadly agree."
pub fn strength(topic: &str, mean: &str, agreement: &str) -> String {
    format!("{topic}: average {mean}; {agreement}.")
}

pub fn concern(topic: &str, why: &str) -> String {
    if why.is_empty() {
        format!("{topic}.")
    } else {
        format!("{topic}: {why}.")
    }
}
pub const UPDATE_READY: &str =
    "A new version of Trellis is ready. Reload to use it; everything you have entered is saved and stays.";
pub const UPDATE_NOW: &str = "Reload with the new version";
pub const CONFIG_PROBLEMS: &str = "This site's settings file (config.json) has mistakes, so Trellis is using its usual settings for these. Tell whoever looks after this site:";
pub const TABLE_REGION: &str = "Table";
pub const REVIEW_TABLE: &str = "Your answers by topic";
pub const UNDO: &str = "Undo";
pub const BACKUP_TITLE: &str = "Back up and restore";
pub const BACKUP_LEAD: &str = "Everything here exists only in this browser. Download a backup now and then, and keep it somewhere safe; open it from \"Open a Trellis file\" below to restore.";
pub const BACKUP_NOW: &str = "Download a backup of everything";
pub const BACKUP_GO: &str = "Go to backups";
pub const BACKUP_REMINDER: &str =
    "It has been a while since you last backed up. Your collaborations exist only in this browser.";
pub const BACKUP_NEVER: &str = "You have not backed up yet. Your collaborations exist only in this browser.";
pub const DISMISS: &str = "Not now";
pub const REPLACE_ALL: &str = "Replace everything here with this file";
pub const CONFIRM_REPLACE: &str = "Replace everything in this browser with the file? Whatever is here and not in the file will be gone (download a backup first if unsure).";
pub const DELETE_COLLABORATION: &str = "Delete this collaboration";
pub const STORAGE_USED_LABEL: &str = "Space used in this browser:";

pub fn confirm_delete(label: &str) -> String {
    format!("Delete {label}? You can undo this straight after.")
}

pub fn deleted_notice(label: &str) -> String {
    format!("Deleted {label}.")
}

pub fn delete_round(name: &str) -> String {
    format!("Delete {name}")
}

pub fn round_label(name: &str) -> String {
    format!("the round \"{name}\" and its answers")
}

pub fn collaboration_label(name: &str) -> String {
    format!("the collaboration \"{name}\", its rounds and all their answers")
}

pub fn storage_used(bytes: usize) -> String {
    if bytes < 1024 * 1024 {
        format!("{:.0} KB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}
pub const SPACE_TITLE: &str = "What uses the space";
pub const SPACE_HINT: &str = "Browsers give each site about 5 MB. If it fills up, download a backup, then delete rounds you no longer need (below).";
pub const DATA_TITLE: &str = "Your data in this browser";
pub const DATA_LEAD: &str = "Back up, restore, see what takes up space, and clear out what you no longer need. Nothing here is sent anywhere.";
pub const DATA_LINK: &str = "Back up, restore and storage";
pub const DATA_LINK_LEAD: &str = "Everything here exists only in this browser. Download a backup, open a Trellis file from a colleague, or see what uses the space:";
pub const OLD_ROUNDS_TITLE: &str = "Clear out old rounds";
pub const OLD_ROUNDS_HINT: &str = "Oldest first. Download a backup before you delete, so the round can be restored later if anyone needs it. A deletion can be undone straight after.";
pub const NO_ROUNDS_TO_CLEAR: &str = "There are no rounds to clear out.";
pub const ROUND: &str = "Round";
pub const DELETE: &str = "Delete";
pub const DAMAGED_TITLE: &str = "Damaged data kept aside";
pub const DAMAGED_HINT: &str = "When Trellis cannot read what was saved, it keeps the text here untouched instead of throwing it away. Download it to send to whoever supports Trellis for you, or to try to repair it; delete it when you no longer need it.";
pub const KEPT_AT: &str = "Kept aside";
pub const DOWNLOAD: &str = "Download";
pub const UNKNOWN_TIME: &str = "Unknown time";
pub const CONFIRM_DELETE_DAMAGED: &str =
    "Delete this damaged copy for good? It cannot be undone; download it first if unsure.";

pub const RECEIVED_TITLE: &str = "Answers in this round";
pub const RECEIVED_HINT: &str = "Every set of answers this round holds. Delete one only if it should not count, such as a duplicate or a test; you can undo straight after.";
pub const NOTHING_RECEIVED: &str = "This round has no answers yet.";
pub const ORGANISATION_COLUMN: &str = "Organisation";
pub const ROLE_COLUMN: &str = "Role";
pub const SENT_COLUMN: &str = "Sent";
pub const ANSWERED_COLUMN: &str = "Statements answered";
pub const NOT_SENT: &str = "Not sent yet";

pub fn response_label(organisation: &str, role: &str, sent: Option<&str>) -> String {
    match sent {
        Some(sent) => format!("the answers from {organisation} ({role}, sent {sent})"),
        None => format!("the answers from {organisation} ({role}, not sent yet)"),
    }
}

pub fn delete_named(name: &str) -> String {
    format!("Delete {name}")
}

pub fn download_named(name: &str) -> String {
    format!("Download {name}")
}

pub fn damaged_file_name(kept_at: &str) -> String {
    format!("trellis-damaged-{}.txt", kept_at.replace([' ', ':'], "-"))
}
pub const COLLABORATION: &str = "Collaboration";
pub const ANSWER_SETS: &str = "Sets of answers";
pub const SIZE: &str = "Size";

// ---------------------------------------------------------------------------------------
// The engine's errors. Core's error types carry data only (which field, which value, which
// limit); every sentence that explains one to a user is written here, one function per
// error type matching every variant, so that all interface text stays in this file.
// `InstrumentError` is not here: no user ever sees it (build.rs refuses a broken shipped
// questionnaire, so it is a developer's message, worded in core).

/// A problem with what the user typed, shown beside its field.
/// An input error in a form's error summary, naming its field where the error alone
/// would not ("Enter a name." could be either name on the set-up form).
pub fn field_error(field: &str, e: &InputError) -> String {
    match (field, e) {
        ("collaboration-name", InputError::NameMissing) => "Enter a name for the collaboration.".to_string(),
        ("round-name", InputError::NameMissing) => "Enter a name for the round.".to_string(),
        ("collaboration-name", InputError::NameTooLong) => {
            format!("Use a name for the collaboration of {MAX_NAME} characters or fewer.")
        }
        ("round-name", InputError::NameTooLong) => {
            format!("Use a name for the round of {MAX_NAME} characters or fewer.")
        }
        (_, InputError::BadDate(d)) if d.is_empty() => "Enter the date of the round.".to_string(),
        _ => input_error(e),
    }
}

pub fn input_error(e: &InputError) -> String {
    use InputError::*;
    match e {
        NameMissing => "Enter a name.".to_string(),
        NameTooLong => format!("Use a name of {MAX_NAME} characters or fewer."),
        TooFewPartners => "Enter at least two partner organisations, one per line.".to_string(),
        PartnerTooLong(p) => format!("The partner name \"{p}\" is longer than {MAX_NAME} characters."),
        DuplicatePartner(p) => format!("The partner \"{p}\" is listed twice."),
        BadDate(d) => format!("\"{d}\" is not a date. Use the form 2026-11-26."),
        UnknownMode(m) => format!("There is no questionnaire mode called \"{m}\"."),
        UnknownCollaboration => "This collaboration no longer exists.".to_string(),
        UnknownRound => "This assessment round no longer exists.".to_string(),
        UnknownResponse => "These answers no longer exist.".to_string(),
        UnknownOrganisation => "Choose your organisation from the list.".to_string(),
        RoundClosed => "This round is closed, so answers can no longer change.".to_string(),
        AlreadySubmitted => "These answers have been sent, so they can no longer change.".to_string(),
        UnknownStatement(s) => format!("There is no statement \"{s}\" in this questionnaire."),
        AnswerOutOfScale(v) => format!("{v} is not a point on the answer scale."),
        UnknownDomain(d) => format!("There is no topic \"{d}\" in this questionnaire."),
        LevelOutOfRange(l) => format!("{l} is not one of the maturity levels."),
        CommentTooLong => format!("Keep a comment to {MAX_COMMENT} characters or fewer."),
        NoteTooLong => format!("Keep each note to {MAX_NOTE} characters or fewer."),
        BadContact => format!(
            "Enter a contact of {} characters or fewer, on one line.",
            MAX_NAME * 2
        ),
        UnknownContextQuestion(q) => format!("There is no question \"{q}\" about the collaboration."),
        ContextAnswerKind(q) => format!("That is not the right kind of answer for question \"{q}\"."),
        UnknownContextOption { question, option } => {
            format!("\"{option}\" is not one of the choices for question \"{question}\".")
        }
        ContextNumberOutOfRange(n) => {
            format!("{n} is out of range. Enter a whole number from 0 to {MAX_CONTEXT_NUMBER}.")
        }
        NoPartnerMap => "This round does not ask how the partners work together.".to_string(),
        UnknownTiePartner(p) => format!("There is no partner \"{p}\" in this collaboration."),
        TieWithOwnOrganisation(_) => {
            "Rate how your organisation works with each of the other partners, not with itself.".to_string()
        }
        TieOutOfRange(v) => format!("{v} is not a step from 1 to {TIE_STEPS}."),
    }
}

/// A problem with an action of the plan, shown beside its field.
pub fn plan_error(e: &PlanError) -> String {
    match e {
        PlanError::Input(e) => input_error(e),
        PlanError::TitleMissing => "Say what the action is.".to_string(),
        PlanError::TitleTooLong => format!("Keep the action to {MAX_TITLE} characters or fewer."),
        PlanError::OwnerTooLong => format!("Keep the owner to {MAX_NAME} characters or fewer."),
        PlanError::BadDue(d) => format!("\"{d}\" is not a date. Use the form 2027-03-31."),
        PlanError::MeasureTooLong => format!("Keep the success measure to {MAX_NOTE} characters or fewer."),
        PlanError::AlreadyAdopted => "This action is already on the plan.".to_string(),
        PlanError::UnknownAction(a) => format!("There is no suggested action \"{a}\"."),
        PlanError::UnknownItem => "This action is no longer on the plan.".to_string(),
    }
}

/// Why a change to the workspace was refused.
pub fn command_error(e: &CommandError) -> String {
    match e {
        CommandError::Input(e) => input_error(e),
        CommandError::Plan(e) => plan_error(e),
        CommandError::UnknownInstrument { id, version: None } => {
            format!("This version of Trellis does not have the questionnaire \"{id}\".")
        }
        CommandError::UnknownInstrument { id, version: Some(v) } => {
            format!("This version of Trellis does not have the questionnaire \"{id}\" version {v}.")
        }
        CommandError::NotAnswering => {
            "This change is made in Trellis itself (index.html), not on the answering page.".to_string()
        }
    }
}

/// Why stored or opened workspace text could not be read (a clause, put into a sentence
/// by [`storage_damaged`], [`storage_newer`] or [`not_a_trellis_file`]).
pub fn load_error(e: &LoadError) -> String {
    match e {
        LoadError::Damaged(detail) => format!("the saved data is damaged: {detail}"),
        LoadError::NewerSchema(v) => format!(
            "the saved data was written by a newer version of Trellis (storage version {v}; this version reads up to {WORKSPACE_SCHEMA})"
        ),
        LoadError::NoSchema => {
            "the saved data is not a Trellis workspace: it has no storage version".to_string()
        }
        LoadError::OlderSchema(v) => format!(
            "the saved data was written by an earlier version of Trellis (storage version {v}) and is brought up to date when Trellis opens"
        ),
    }
}

/// What is wrong inside a link, code, file or CSV row (a clause: the caller says which).
pub fn transfer_error(e: &TransferError) -> String {
    use TransferError::*;
    match e {
        NotTrellis => "this is not a Trellis invitation, response code or response file".to_string(),
        Truncated => "the code is incomplete: it was cut short (copy all of it, up to and including the 8 characters after the last dot)".to_string(),
        Damaged => "the code is damaged: its checksum does not match, so the code was changed or cut short".to_string(),
        UnsupportedFormat(v) => format!(
            "this was written in format {v}, which this version of Trellis cannot read (it reads format {RESPONSE_FORMAT}); it may come from a newer version"
        ),
        Encrypted => "this is protected with a passphrase: enter the passphrase to open it".to_string(),
        WrongPassphrase => "the passphrase does not open this protected code (check it with the sender), or the code was changed".to_string(),
        Unreadable(why) => format!("the file could not be read: {why}"),
        TooLarge { limit_bytes } => format!("this is too large: the limit is {}", size_text(*limit_bytes)),
        BadJson(detail) => format!("the content is not in the expected form: {detail}"),
        NoFormat => "the content is not in the expected form: the file has no format number".to_string(),
        Malformed(m) => format!("the content is not laid out as Trellis writes it: {}", malformed(m)),
        EmptyField(field) => format!("{} is missing", field_name(field)),
        TooFewPartners => "the invitation lists fewer than two partner organisations".to_string(),
        DuplicatePartner(id) => format!("the invitation lists the partner id \"{id}\" more than once"),
        UnknownRound(id) => format!("the round \"{id}\" is not in this workspace"),
        WrongRound { expected_round_name, found } => format!(
            "these answers belong to another round (\"{found}\"), not to \"{expected_round_name}\""
        ),
        UnknownInstrument { id, version } => format!(
            "the questionnaire \"{id}\" version {version} is not known to this version of Trellis"
        ),
        WrongInstrument { expected_id, expected_version, found_id, found_version } => format!(
            "these answers are to questionnaire \"{found_id}\" version {found_version}, but the round uses \"{expected_id}\" version {expected_version}"
        ),
        UnknownMode(m) => format!("the questionnaire has no mode \"{m}\""),
        UnknownRole(r) => format!(
            "\"{r}\" is not one of the roles (senior leader, manager, clinician, front-line staff, service user, other)"
        ),
        UnknownOrganisation(o) => {
            format!("\"{o}\" is not one of the partner organisations of this collaboration")
        }
        UnknownStatement(s) => format!("there is no statement \"{s}\" in this questionnaire"),
        StatementNotInMode { statement, mode } => format!(
            "statement \"{statement}\" is not asked in the \"{mode}\" questionnaire of this round"
        ),
        AnswerOutOfScale { statement, value } => format!(
            "the answer {value} to statement \"{statement}\" is not a point on the answer scale"
        ),
        UnknownDomain(d) => format!("there is no topic \"{d}\" in this questionnaire"),
        DomainNotInMode { domain, mode } => format!(
            "the topic \"{domain}\" is not part of the \"{mode}\" questionnaire of this round"
        ),
        LevelsNotAsked { mode } => format!(
            "the \"{mode}\" questionnaire does not ask for maturity levels, but these answers include some"
        ),
        LevelOutOfRange { domain, level } => {
            format!("level {level} for the topic \"{domain}\" is not one of the maturity levels")
        }
        CommentTooLong { statement } => format!(
            "the comment on statement \"{statement}\" is longer than {MAX_COMMENT} characters"
        ),
        UnknownTiePartner(p) => format!(
            "the answers rate how the respondent's organisation works with \"{p}\", which is not one of the partner organisations of this collaboration"
        ),
        TieWithOwnOrganisation(p) => format!(
            "the answers rate the respondent's own organisation (\"{p}\") as a partner; only the other partners are rated"
        ),
        TieOutOfRange { partner, value } => format!(
            "the rating {value} of how the respondent's organisation works with \"{partner}\" is not a step from 1 to {TIE_STEPS}"
        ),
        IdInUse(id) => format!("the response id \"{id}\" already belongs to answers in another round"),
        Csv { line, problem } => format!("line {line}: {}", csv_problem(problem)),
        CsvValue { column, value } => format!(
            "column \"{column}\" has \"{value}\", which is not an answer (use 1 to 5, an agreement such as \"Agree\", \"Don't know\", \"Not applicable\", or leave it blank)"
        ),
        UnclosedQuote { quote_line, first_lost_line, last_line } => format!(
            "an opening quote on line {quote_line} is never closed, so lines {first_lost_line} to {last_line} could not be read"
        ),
        UnmappedLabel { column, value } => format!(
            "\"{value}\" in column \"{column}\" has not been matched yet: choose what it means in the table of labels"
        ),
        RowsDisagree { column } => format!(
            "this person's rows do not agree on column \"{column}\": each of their rows must give the same value"
        ),
    }
}

/// "16 KB", "5 MB" or "100 bytes".
fn size_text(bytes: usize) -> String {
    const MB: usize = 1024 * 1024;
    if bytes >= MB && bytes.is_multiple_of(MB) {
        format!("{} MB", bytes / MB)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

fn malformed(m: &Malformed) -> String {
    let part = |p: &EnvelopePart| match p {
        EnvelopePart::Salt => "salt",
        EnvelopePart::Nonce => "nonce",
    };
    match m {
        Malformed::AnswerCount { found, expected } => {
            format!("it holds {found} answers but the questionnaire asks {expected} statements")
        }
        Malformed::NotAnAnswer { character, statement } => {
            format!("\"{character}\" is not an answer (statement \"{statement}\")")
        }
        Malformed::LevelCount { found, expected } => {
            format!("it holds {found} levels but the questionnaire has {expected} topics")
        }
        Malformed::NotALevel { character, domain } => {
            format!("\"{character}\" is not a level (topic \"{domain}\")")
        }
        Malformed::NotATie { partner, text } => format!(
            "\"{text}\" is not a rating of the tie with partner \"{partner}\" (two characters, now and wanted, were expected)"
        ),
        Malformed::RoundDate(date) => format!("the round date \"{date}\" is not a date like 2026-03-01"),
        Malformed::PackedInvitation => "the invitation's details are cut short or run together".to_string(),
        Malformed::EnvelopeTooShort => "the protected code is too short".to_string(),
        Malformed::Iterations(n) => format!("{n} key-stretching rounds is outside 1 to {MAX_ITERATIONS}"),
        Malformed::PartMissing(p) => format!("the {} is missing", part(p)),
        Malformed::PartLength {
            part: p,
            length,
            expected,
        } => {
            format!("the {} is {length} bytes long instead of {expected}", part(p))
        }
        Malformed::PartCutShort(p) => format!("the {} is cut short", part(p)),
        Malformed::NoTag => "the protected content is shorter than its authentication tag".to_string(),
    }
}

fn field_name(field: &Field) -> String {
    match field {
        Field::RoundId => "the round id".to_string(),
        Field::RoundName => "the round name".to_string(),
        Field::RoundDate => "the round date".to_string(),
        Field::CollaborationId => "the collaboration id".to_string(),
        Field::CollaborationName => "the collaboration name".to_string(),
        Field::InstrumentId => "the questionnaire id".to_string(),
        Field::InstrumentVersion => "the questionnaire version".to_string(),
        Field::Mode => "the questionnaire mode".to_string(),
        Field::PartnerId => "a partner id".to_string(),
        Field::PartnerName(id) => format!("the name of partner \"{id}\""),
        Field::ResponseId => "the response id".to_string(),
        Field::Organisation => "the organisation".to_string(),
    }
}

fn csv_problem(problem: &CsvProblem) -> String {
    match problem {
        CsvProblem::NotUtf8 => "the text is not valid UTF-8 (save the file as \"CSV UTF-8\")".to_string(),
        CsvProblem::Syntax(detail) => detail.clone(),
        CsvProblem::Empty => "the file is empty".to_string(),
        CsvProblem::ColumnCount { found, described } => {
            format!("the file has {found} columns but {described} were described")
        }
        CsvProblem::Column { header, problem } => format!("column \"{header}\": {}", transfer_error(problem)),
        CsvProblem::SameTarget { first, second } => {
            format!("columns \"{first}\" and \"{second}\" are both used for the same thing")
        }
        CsvProblem::NoOrganisationColumn => {
            "no column says which organisation each respondent belongs to".to_string()
        }
        CsvProblem::NoStatementColumn => "no column holds answers to a statement".to_string(),
        CsvProblem::RowLength { cells, headers } => format!(
            "this row has {cells} cells but the header has {headers} (an answer holding a comma must be in quotes)"
        ),
        CsvProblem::Utf16 => {
            "the file was saved as UTF-16 text and was read as UTF-8 (save it as \"CSV UTF-8\")".to_string()
        }
        CsvProblem::MixedLayout => {
            "the columns mix a row per person (a column per statement) with a row per answer (statement_id and answer)".to_string()
        }
        CsvProblem::TidyColumns => {
            "a file with a row per answer needs both a statement_id column and an answer column".to_string()
        }
        CsvProblem::NoStatementInRow => "this row does not say which statement it answers".to_string(),
    }
}

/// One mistake in the host's config.json, named by its field.
pub fn config_problem(problem: &ConfigProblem) -> String {
    let text = match problem {
        ConfigProblem::TooLarge => format!("the file is larger than {} KB", MAX_CONFIG_BYTES / 1024),
        ConfigProblem::NotJson(detail) => format!("it is not valid settings JSON ({detail})"),
        ConfigProblem::Format(v) => format!("format {v} is not one this version reads (use {CONFIG_FORMAT})"),
        ConfigProblem::NotOneLine { max, .. } => format!("use one line of {max} characters or fewer"),
        ConfigProblem::Logo => {
            "give a picture file beside index.html, such as \"logo.png\" (not another site's address)"
                .to_string()
        }
        ConfigProblem::UnknownInstrument(id) => format!("there is no questionnaire \"{id}\""),
        ConfigProblem::UnknownMode(m) => format!("there is no questionnaire mode \"{m}\""),
        ConfigProblem::HostOrigin => {
            "give the embedding page's origin only, such as \"https://intranet.example.nhs.uk\"".to_string()
        }
    };
    match problem.field() {
        Some(field) => format!("\"{field}\": {text}"),
        None => text,
    }
}

// ---- The agreed view as the level everywhere, targets across rounds, small samples,
// ---- held-back comments and the board report's summary (issue 16).

pub const AGREED_TAG: &str = "(agreed)";
pub const PEOPLES_VIEW: &str = "People's view";
pub const PEOPLES_LEVEL: &str = "Level people chose";
pub const EARLIER_TARGET: &str = "Target set last round";
pub const LEVEL_NOW_RULE: &str = "Where the group recorded an agreed level, that is the level now; otherwise it is the middle of the levels people chose (or, where they were not asked, the level their scores fall in). The people's view is shown beside it.";

/// Whether last round's target is met now, as "Met (target 3 Established)".
pub fn earlier_target_met(met: bool, target: &str) -> String {
    if met {
        format!("Met (target {target})")
    } else {
        format!("Not yet met (target {target})")
    }
}

/// The caution every result of a small round carries.
pub fn small_sample(n: usize) -> String {
    format!(
        "Only {} answered. With fewer than 10, one person's answers can move a topic's level or its place in the order, so treat the stage and the order of topics as a starting point for discussion, not a finding.",
        plural(n, "person", "people")
    )
}

/// Comments held back because their writers belong to a small organisation or role.
pub fn comments_held_back(n: usize, min: usize) -> String {
    format!(
        "{} not shown because {} from an organisation or role with fewer than {min} people answering, so {} could be recognised.",
        plural(n, "comment is", "comments are"),
        if n == 1 { "it comes" } else { "they come" },
        if n == 1 { "its writer" } else { "their writers" }
    )
}

pub const REPORT_SUMMARY: &str = "Summary";
pub const REPORT_WHERE_WE_ARE: &str = "Where we are on each topic";
pub const REPORT_WHAT_CHANGED: &str = "What changed since the last round";
pub const REPORT_WHAT_WE_WILL_DO: &str = "What we will do";
pub const REPORT_FOCUS: &str = "Topics to work on first";
pub const REPORT_NO_GAPS: &str =
    "Every topic is at or above its target, and none needs talking through first.";
pub const REPORT_LEVEL_CHART: &str = "Level now and target for each topic";
pub const REPORT_TARGETS_MET_NONE: &str = "No targets were set at the last round.";
pub const RELIABILITY_NONE_YET: &str = "How consistently the statements of each topic measure the same thing can be worked out once at least 10 people have answered every statement of a topic; this round has fewer, so it is left out.";

/// How many of last round's targets are met now.
pub fn targets_met(met: usize, set: usize) -> String {
    match (set, met) {
        (1, 1) => "The target set at the last round is met.".to_string(),
        (1, _) => "The target set at the last round is not yet met.".to_string(),
        _ => format!(
            "{met} of the {set} targets set at the last round {} met.",
            if met == 1 { "is" } else { "are" }
        ),
    }
}

/// A target set at the last round that is not yet met.
pub fn target_not_met(topic: &str, target: &str) -> String {
    format!("{topic}: not yet at {target}")
}

/// The caution beside an agenda ordered from a small round.
pub fn small_sample_order(n: usize) -> String {
    format!(
        "With only {} answering, this order is a starting point for discussion: one person's answers can change it.",
        plural(n, "person", "people")
    )
}

// ---------------------------------------------------------------------------------------
// A respondent's finish and return, and the start page of a browser that has only
// answered (its collaborations all came from invitation links).

/// The last answering step's button when the answers go back to the person who invited.
pub const FINISH_AND_SEND: &str = "Finish and choose how to send";
pub const FINISH_EXPLAINED: &str = "When you finish, your answers are locked on this device and you choose how to send them to the person who invited you. You cannot change them after that.";
pub const BY_EMAIL: &str = "By email";
pub const EMAIL_ANSWERS: &str = "Email my answers";

pub fn email_how(contact: &str) -> String {
    format!("This opens your email app with a message to {contact} that holds your answers as a code. Check it, then press Send.")
}

/// Beside each way of sending, once it was used: what is left to do, and thanks.
pub const EMAIL_OPENED: &str = "Your email app should now show a message with your answers. Press Send there and you are done. Thank you! If no email opened, download the file or copy the code instead.";
pub const CODE_COPIED: &str = "Copied. Paste the code into an email or message to the person who invited you, and you are done. Thank you!";

pub fn answers_downloaded(file: &str) -> String {
    format!("Downloaded \u{201c}{file}\u{201d}. Attach it to an email or message to the person who invited you, and you are done. Thank you!")
}

pub const FINISHED_BEFORE_TITLE: &str = "You have already answered on this device";
pub const FINISHED_BEFORE: &str = "If you have not sent your answers yet, or the person who invited you did not get them, you can send them now.";
pub const SEND_AGAIN: &str = "Send my answers";
pub const ANSWER_AS_ANOTHER: &str = "Answer again as another person";
pub const ANSWER_AGAIN_BELOW: &str = "To answer again as another person, fill in the form below.";

pub const YOUR_ANSWERS_TITLE: &str = "Your answers";
pub const YOUR_ANSWERS_LEAD: &str = "The questionnaires you were invited to answer on this device. Your answers stay here until you choose to send them.";
pub const NOT_STARTED: &str = "Not started yet.";
pub const FINISHED_HERE: &str = "Finished on this device.";
pub const SEND_OR_SEE_CODE: &str = "Send again or see the code";
pub const I_AM_FACILITATOR: &str = "I am a facilitator: set up a collaboration";

pub fn round_in(collaboration: &str, round: &str) -> String {
    format!("{collaboration}: {round}")
}

pub fn in_progress(answered: usize, total: usize) -> String {
    format!("In progress: {answered} of {total} statements answered.")
}

// Dates in words. Running text and tables say dates the UK way ("30 November 2026");
// exports, file names and form fields keep ISO dates (YYYY-MM-DD).

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The year, month name and day of an ISO date, or `None` when it is not one.
fn date_parts(iso: &str) -> Option<(&str, &'static str, u32)> {
    if !trellis_core::workspace::is_iso_date(iso) {
        return None;
    }
    let month: usize = iso.get(5..7)?.parse().ok()?;
    let day: u32 = iso.get(8..10)?.parse().ok()?;
    Some((iso.get(..4)?, MONTHS.get(month.checked_sub(1)?)?, day))
}

/// "2026-11-30" as "30 November 2026"; text that is not an ISO date is returned as it is.
pub fn uk_date(iso: &str) -> String {
    date_parts(iso.trim()).map_or_else(|| iso.to_string(), |(y, m, d)| format!("{d} {m} {y}"))
}

/// "2026-11-30" as "November 2026" (a round's label on a chart of rounds).
pub fn uk_month(iso: &str) -> String {
    date_parts(iso.trim()).map_or_else(|| iso.to_string(), |(y, m, _)| format!("{m} {y}"))
}

/// "2026-11-30 14:05" (a local time) as "30 November 2026, 14:05".
pub fn uk_date_time(local: &str) -> String {
    match local.split_once(' ') {
        Some((date, time)) if date_parts(date).is_some() => format!("{}, {time}", uk_date(date)),
        _ => uk_date(local),
    }
}

/// A round's name with its date: "Round 2 (30 November 2026)".
pub fn round_and_date(name: &str, iso: &str) -> String {
    format!("{name} ({})", uk_date(iso))
}

// The next step on a collaboration's page, and its rounds' actions.

pub const NEXT_STEP: &str = "Next step";
// Worded apart from the round's own links ("Invite", "Import answers", "See results"),
// so each link's name says where it goes once.
pub const NEXT_INVITE: &str = "Ask people to answer";
pub const NEXT_COLLECT: &str = "Add the answers sent back";
pub const NEXT_RESULTS: &str = "Open the results";

pub fn next_describe(answered: usize, total: usize) -> String {
    format!(
        "Describe the collaboration: {answered} of {total} questions answered. The answers decide which topics are critical here and which actions are suggested first."
    )
}

pub fn next_invite(round: &str) -> String {
    format!("Invite people from every partner to answer {round}. Nobody has sent answers yet.")
}

pub fn next_collect(round: &str, sent: usize, needed: usize) -> String {
    format!(
        "Collect answers for {round}: {} so far. Results are shown once at least {needed} people have answered. Add answers here as they come back.",
        plural(sent, "person has answered", "people have answered")
    )
}

pub fn next_results(round: &str, sent: usize) -> String {
    format!(
        "{} {round}. See the results, then agree the group's view and actions together.",
        plural(sent, "person has answered", "people have answered")
    )
}

/// The name of a round's list of actions, for screen readers.
pub fn round_actions(round: &str) -> String {
    format!("What you can do with {round}")
}

pub const REPORT_CONTEXT: &str = "The collaboration's circumstances this round was read under";
pub const REPORT_NO_CONTEXT: &str = "The collaboration's circumstances were not described for this round, so no topic was treated as critical for it.";

// The partner map on the agenda.

/// The partner map's item on the workshop agenda and in the report's focus.
pub const PARTNER_MAP_TOPIC: &str = "How the partners work together";

pub fn pairs_seen_differently(pairs: usize) -> String {
    format!(
        "{} the relationship between them differently",
        plural(pairs, "pair of partners sees", "pairs of partners see")
    )
}

pub fn far_from_wanted(pairs: usize, largest: f64) -> String {
    format!(
        "{} far from how people want to work together (up to {})",
        plural(pairs, "relationship is", "relationships are"),
        steps_apart(largest)
    )
}

pub fn few_strong_ties(partners: usize) -> String {
    format!(
        "{} close working ties with fewer than half of the others",
        plural(partners, "partner has", "partners have")
    )
}

// The partner map's views (issue 18): setting it up, answering it, and its results.

/// The tick box on the round form and on the invite page.
pub const PARTNER_MAP_CHOICE: &str = "Include a map of how each pair of partners works together";
pub const PARTNER_MAP_CHOICE_HINT: &str = "Each person also says how their organisation works with each of the other partners now, and how it should, from networking to full collaboration. It adds a few minutes. The results show where two partners see their relationship differently.";
pub const PARTNER_MAP_LINK_HINT: &str =
    "Decide before you send the link: a link sent earlier keeps the choice it was made with.";
/// On the invitation sheet and the join page of a round with the map.
pub const PARTNER_MAP_ASKED: &str =
    "You will also be asked how your organisation works with each of the other partners.";

// Answering.

/// The page heading of the partner map step, and its heading in the review and sent pages.
pub const TIES_TITLE: &str = "How your organisation works with the other partners";
pub const TIES_LEAD: &str = "For each of the other partners, choose how your organisation and that partner work together now, and how you think they should work together. If you are not sure, choose \u{201c}Don't know\u{201d}.";
pub const TIES_STEPS_TITLE: &str = "Five ways of working together";
pub const TIE_NOW: &str = "How do your organisations work together now?";
pub const TIE_WANTED: &str = "How should they work together?";
pub const TIE_NOT_GIVEN: &str = "Don't know or not answered";
pub const TIE_PARTNER: &str = "Partner";
pub const TIE_NOW_SHORT: &str = "Now";
pub const TIE_WANTED_SHORT: &str = "How it should be";
pub const CHANGE_TIES: &str = "Change how you rated the other partners";
pub const TIES_REVIEW_NONE: &str = "You have not rated how your organisation works with the other partners. You can still send: unrated partners are left out, like \u{201c}don't know\u{201d}.";

/// The progress line when the questionnaire has the partner map step (the one before the
/// review): "Topic 3 of 9", "Step 10 of 11: the other partners", "Last step of 11: review".
pub fn step_of_with_partners(step: usize, steps: usize) -> String {
    if step == steps {
        format!("Last step of {steps}: review")
    } else if step + 1 == steps {
        format!("Step {step} of {steps}: the other partners")
    } else {
        format!("Topic {step} of {}", steps.saturating_sub(2))
    }
}

/// "You rated your work with 2 of the 3 other partners."
pub fn ties_rated(rated: usize, others: usize) -> String {
    match (others, rated) {
        (1, 1) => "You rated your work with the other partner.".to_string(),
        (1, _) => "You did not rate your work with the other partner.".to_string(),
        _ => format!("You rated your work with {rated} of the {others} other partners."),
    }
}

/// A step of the continuum in words: "3 Coordination"; a median between two steps says
/// so: "2.5 (between Cooperation and Coordination)".
pub fn tie_step(names: &[String], value: f64) -> String {
    tie_step_with(names, value, "")
}

/// A step in words with its average: "3 Coordination (average 3.2)", "2.5 (between
/// Cooperation and Coordination; average 2.3)".
pub fn tie_figure(names: &[String], median: f64, mean: f64) -> String {
    tie_step_with(
        names,
        median,
        &format!("average {}", trellis_core::scoring::format_score(mean)),
    )
}

/// A step in words, with `more` (if any) inside the same brackets.
fn tie_step_with(names: &[String], value: f64, more: &str) -> String {
    let name = |step: f64| {
        names
            .get((step as usize).saturating_sub(1))
            .cloned()
            .unwrap_or_default()
    };
    let number = step_number(value);
    match ((value - value.round()).abs() < 1e-9, more.is_empty()) {
        (true, true) => format!("{number} {}", name(value.round())),
        (true, false) => format!("{number} {} ({more})", name(value.round())),
        (false, true) => format!(
            "{number} (between {} and {})",
            name(value.floor()),
            name(value.ceil())
        ),
        (false, false) => format!(
            "{number} (between {} and {}; {more})",
            name(value.floor()),
            name(value.ceil())
        ),
    }
}

/// A number of steps as people write it: "3", "2.5".
fn step_number(value: f64) -> String {
    if (value - value.round()).abs() < 1e-9 {
        format!("{}", value.round())
    } else {
        trellis_core::scoring::format_score(value)
    }
}

/// "1 step", "1.5 steps".
pub fn steps_apart(steps: f64) -> String {
    if (steps - 1.0).abs() < 1e-9 {
        "1 step".to_string()
    } else {
        format!("{} steps", step_number(steps))
    }
}

// Results.

pub const PARTNER_MAP_LEAD: &str = "People from each partner said how their organisation works with each of the other partners now, and how it should, on five steps from networking to collaboration. Each row is what the people from one partner said; each column is the partner they were asked about.";
pub const PARTNER_MAP_FIGURE: &str =
    "Map of how each pair of partners works together. The table below gives the same figures in words.";
pub const PARTNER_MAP_KEY: &str = "Each cell reads: how the two work together now \u{2192} how they should, the middle answer of the people from the row's partner. Darker cells work more closely now. A blank cell: nobody from that partner answered. A hatched cell: a partner and itself.";
pub const PARTNER_MAP_SHADES: &str = "Shades, by how the two work together now";
pub const PARTNER_MAP_TABLE: &str =
    "What the people from each partner said about their work with each other partner";
pub const PEOPLE_FROM: &str = "People from";
pub const ABOUT_PARTNER: &str = "About";
pub const HOW_MANY_ANSWERED: &str = "How many answered";
pub const NOBODY_ANSWERED: &str = "Nobody answered";
pub const SEEN_DIFFERENTLY_TITLE: &str = "Partners who see their relationship differently";
pub const FAR_FROM_WANTED_TITLE: &str = "Relationships far from where people want them";
pub const FEW_STRONG_TIES_TITLE: &str = "Partners with few close working ties";
/// After the largest of each concern in the report's summary.
pub fn more_in_appendix(n: usize) -> String {
    format!(
        "Appendix A lists {} about how the partners work together.",
        plural(n, "more finding", "more findings")
    )
}

pub const PARTNER_MAP_NOTHING_STANDS_OUT: &str = "Nothing stands out: no two partners see their relationship very differently, no relationship is far from where people want it, and every partner works closely with at least half of the others.";

/// A hidden cell of the map: never how many, only that it is below the minimum.
pub fn fewer_than_people(min: usize) -> String {
    format!("fewer than {min} people")
}

/// A hidden cell in the table beside the map.
pub fn hidden_cell(min: usize) -> String {
    format!("Fewer than {min} people: not shown, to protect them")
}

/// One side of a shown cell that too few people gave.
pub fn too_few_gave(min: usize) -> String {
    format!("Fewer than {min} people said")
}

pub fn partner_map_none_shown(min: usize) -> String {
    format!("Not enough people from any one partner rated the others to show the map yet: each cell needs at least {min} people from the same partner.")
}

/// "North Trust and City Council see how they work together differently: people from
/// North Trust say 3 Coordination; people from City Council say 2 Cooperation (1 step
/// apart)."
pub fn seen_differently_line(a: &str, a_now: &str, b: &str, b_now: &str, apart: &str) -> String {
    format!("{a} and {b} see how they work together differently: people from {a} say {a_now}; people from {b} say {b_now} ({apart} apart).")
}

/// "People from North Trust say their work with City Council is at 1 Networking and
/// should be at 4 Coalition: 3 steps to go."
pub fn far_from_wanted_line(from: &str, to: &str, now: &str, wanted: &str, gap: &str) -> String {
    format!("People from {from} say their work with {to} is at {now} and should be at {wanted}: {gap} to go.")
}

/// "City Council works closely with none of the 3 other partners."
pub fn few_strong_ties_line(partner: &str, strong: usize, others: usize) -> String {
    let how_many = if strong == 0 {
        "none".to_string()
    } else {
        strong.to_string()
    };
    format!(
        "{partner} works closely with {how_many} of the {}.",
        plural(others, "other partner", "other partners")
    )
}

/// How the map's concerns and small groups are decided (docs/scoring.md, "Partner map").
pub fn partner_map_rule(min: usize, close: &str) -> String {
    use trellis_core::analysis::{FAR_FROM_WANTED, SEE_DIFFERENTLY};
    format!(
        "Two partners see their relationship differently when the middle answers of their people are {} or more apart. A relationship is far from where people want it when how it should be is {} or more above how it is now. Working closely means {close} or more, in either partner's view; a partner has few close ties when it works closely with fewer than half of the others. A cell is shown only when at least {min} people from the row's partner answered; otherwise it says only that they were fewer, never how many.",
        steps_apart(SEE_DIFFERENTLY),
        steps_apart(FAR_FROM_WANTED),
    )
}

// Exports.

pub const EXPORT_PARTNER_RATINGS: &str = "Partner ratings (CSV)";
pub const EXPORT_PARTNER_RATINGS_HINT: &str = "The partner ratings file has a row for each person and each other partner: how they see the two organisations working together now and how they should, as steps from 1 (networking) to 5 (collaboration), empty for \u{201c}don't know\u{201d}. It is kept apart from the answers because its numbers are on a different scale.";
pub const EXPORT_ANSWERS_BY_PERSON: &str = "Answers, a row per person (CSV)";
pub const EXPORT_ANSWERS_BY_PERSON_HINT: &str = "The file with a row per person has the columns Trellis imports, so answers can be corrected in a spreadsheet and imported again.";

// ---------------------------------------------------------------------------------------
// Issue 18 (views): the readiness result, responses that agree with everything, rounds
// of different questionnaire versions side by side, and readiness topics in words.

pub const READINESS_RESULT_TITLE: &str = "Is the partnership ready to go ahead?";
pub const VERDICT_READY: &str = "Ready";
pub const VERDICT_CONDITIONS: &str = "Ready, with conditions";
pub const VERDICT_RECONSIDER: &str = "Reconsider before going ahead";
pub const VERDICT_UNKNOWN: &str = "Not enough answers for a result";
pub const READY_LEAD: &str = "On average, people agree that everything this check asks about is in place.";
pub const CONDITIONS_LEAD: &str = "Nothing here says to think again, but some conditions are not yet in place. Meet them before committing, in this order:";
pub const RECONSIDER_LEAD: &str = "Think again about whether, or how, to go ahead, because:";
pub const RECONSIDER_MISSING: &str = "What is not yet in place, and what could change that:";
pub const IN_PLACE_NOW: &str = "In place:";
pub const WHAT_COULD_HELP: &str = "What could help";
pub const FIRST_STEP: &str = "First step:";
pub const A_GATE: &str = "This topic is a gate.";
pub const GATE_TAG: &str = "gate";
pub const STANDING: &str = "Where it stands";
pub const STANDING_RULE: &str = "A topic is in place when the group's average is 3.5 or more (halfway from neither to agree). Below 2.5, nearer disagree than neither, people on average disagree that it is in place.";
pub const NO_CONDITION_ACTIONS: &str =
    "No actions are suggested: everything this check asks about is in place.";
pub const CONDITIONS_TITLE: &str = "Conditions to meet before going ahead";
pub const READINESS_METHOD: &str = "In the readiness check, a topic is in place when the group's average is 3.5 or more, and people disagree with it when the average is below 2.5. The result is to reconsider when people disagree with a gate topic, or when more than half of the topics with a score are not in place; otherwise it is ready, with each topic not yet in place (or without enough answers) a condition to meet first, with actions for it.";
pub const READINESS_PLAN_LEAD: &str = "Choose actions for the conditions from the suggestions or write your own, and agree who does what by when. Everything is saved as you go.";

pub fn readiness_plan_title(round: &str) -> String {
    format!("Action plan: {round}")
}

/// Words made a sentence: the first letter a capital, a full stop at the end.
pub fn sentence(words: &str) -> String {
    let mut chars = words.chars();
    let first: String = chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    format!("{first}{}.", chars.as_str())
}

/// The first action for a condition, on the board report: "Title. What to do."
pub fn first_step(title: &str, detail: &str) -> String {
    format!("{title}. {detail}")
}

pub const READINESS_METHOD_SHORT: &str = "This round is a readiness check: its result is ready, ready with conditions (each topic not yet in place, with actions for it) or reconsider (when people disagree with a gate topic, or more than half of the topics are not in place).";

/// Why the result is to reconsider: a gate people disagree with.
pub fn reason_gate_against(topic: &str, score: f64) -> String {
    format!(
        "On average, people disagree with the statements on {} (average {}), and this topic is a gate: without it, the partnership is unlikely to work.",
        quoted(topic),
        trellis_core::scoring::format_score(score)
    )
}

/// Why the result is to reconsider: most topics with a score are not in place.
pub fn reason_most_not_in_place(not_in_place: usize, scored: usize) -> String {
    format!("{not_in_place} of the {scored} topics with a score are not yet in place, more than half.")
}

/// Where a readiness topic stands, as a sentence: "Not yet in place: average 3.2."
pub fn standing_sentence(standing: &str, score: Option<f64>) -> String {
    match score {
        Some(s) => sentence(&format!(
            "{standing}: average {}",
            trellis_core::scoring::format_score(s)
        )),
        None => sentence(standing),
    }
}

/// A topic in place overall that is not yet in place for some organisations shown on
/// their own: each as "County Council (average 3.3)".
pub fn not_yet_for(organisations: &[String]) -> String {
    format!(
        "In place overall, but not yet for {}: {}.",
        if organisations.len() == 1 {
            "one partner".to_string()
        } else {
            format!("{} partners", organisations.len())
        },
        and_list(organisations)
    )
}

/// An organisation and its average for a topic: "County Council (average 3.3)".
pub fn organisation_average(name: &str, mean: f64) -> String {
    format!("{name} (average {})", trellis_core::scoring::format_score(mean))
}

/// Why there is no readiness result: too few topics have a score.
pub fn readiness_unknown(scored: usize, total: usize, missing: &[String]) -> String {
    format!(
        "Only {scored} of the {total} topics have enough answers for a score, and a result needs at least half. Without enough answers: {}. A person's answers count for a topic when they answered at least half of its statements with a point on the scale rather than \u{201c}don't know\u{201d} or \u{201c}not applicable\u{201d}.",
        and_list(missing)
    )
}

/// How the readiness result is worked out, naming the gates.
pub fn readiness_result_rule(gates: &[String]) -> String {
    let quoted_gates: Vec<String> = gates.iter().map(|g| quoted(g)).collect();
    let gates = match quoted_gates.as_slice() {
        [] => "No topic here is a gate".to_string(),
        [one] => format!("{one} is a gate"),
        many => format!("{} are gates", and_list(many)),
    };
    format!("{STANDING_RULE} {gates}: if people disagree with a gate, or more than half of the topics with a score are not in place, the result is to reconsider. Otherwise each topic not in place, or without enough answers, is a condition to meet first; gates come first, then the lowest.")
}

/// The small-sample caution of a readiness result.
pub fn small_sample_readiness(n: usize) -> String {
    format!(
        "Only {} answered. With fewer than 10, one person's answers can move a topic between in place and not yet in place, so treat the result as a starting point for discussion, not a finding.",
        plural(n, "person", "people")
    )
}

/// Where a readiness topic stands, from its level from scores (`None` without a score):
/// level 3 and above is in place (the same 3.5), level 1 disagreed with.
pub fn standing_of_level(level: Option<u8>) -> &'static str {
    match level {
        None => NOT_ENOUGH_ANSWERS,
        Some(0 | 1) => STANDING_DISAGREE,
        Some(2) => STANDING_NOT_YET,
        Some(_) => STANDING_IN_PLACE,
    }
}
pub const STANDING_IN_PLACE: &str = "in place";
pub const STANDING_NOT_YET: &str = "not yet in place";
pub const STANDING_DISAGREE: &str = "people disagree that it is in place";

/// The readiness topics an action suits, from the levels it is meant for: "topics not
/// yet in place".
pub fn topics_suited(level: u8) -> &'static str {
    match level {
        0 | 1 => "topics people disagree are in place",
        2 => "topics not yet in place",
        3 => "topics only just in place",
        _ => "topics firmly in place",
    }
}

/// Responses that agree with everything (rule 3b): how many, and what they move; each
/// change already in words.
pub fn acquiescence(n: usize, changes: &[String], readiness: bool) -> String {
    let moved = if !changes.is_empty() {
        format!("without them, {}", and_list(changes))
    } else if readiness {
        "without them, every topic would still stand where it does".to_string()
    } else {
        "without them, no topic's level would change".to_string()
    };
    format!(
        "{} agreed with every statement, or gave the same answer to every one. Their answers are counted like everyone else's; {moved}. They may have answered without reading, or may truly see everything in place: ask the group, and read any topic named here with care.",
        plural(n, "person", "people")
    )
}

/// When every response agrees with everything (rule 3b), nothing would be left without them.
pub fn acquiescence_everyone(n: usize) -> String {
    format!(
        "Everyone who answered ({}) agreed with every statement, or gave the same answer to every one. They may have answered without reading, or may truly see everything in place: ask the group before reading these results as a finding.",
        plural(n, "person", "people")
    )
}

/// A topic that would have no score without the responses that agree with everything.
pub fn level_would_go(topic: &str, with: &str) -> String {
    format!("{topic} would have too few answers for a level (it is {with} with them)")
}

/// A level that would be different without the responses that agree with everything.
pub fn level_would_change(topic: &str, without: &str, with: &str) -> String {
    format!("the level of {topic} would be {without} rather than {with}")
}

/// A readiness topic whose standing would be different without those responses.
pub fn standing_would_change(topic: &str, without: &str, with: &str) -> String {
    format!("{} would be {without} rather than {with}", quoted(topic))
}

/// Two rounds of different questionnaire versions side by side.
pub fn versions_differ(earlier: &str, earlier_version: &str, later: &str, later_version: &str) -> String {
    format!(
        "{} used questionnaire {earlier_version} and {} used {later_version}: levels are compared, and scores only where the questions were the same.",
        quoted(earlier),
        quoted(later)
    )
}

pub const LEVEL_CHANGE: &str = "Level";

/// A topic's level (or standing) at two rounds: "2 Developing, then 3 Established".
/// A level change in numbers for the board report ("2 → 4"); "–" where a round has none.
pub fn level_change_short(before: Option<u8>, now: Option<u8>) -> String {
    let shown = |l: Option<u8>| l.map_or("–".to_string(), |l| l.to_string());
    format!("{} → {}", shown(before), shown(now))
}

pub fn level_change(before: &str, now: &str) -> String {
    if before == now {
        format!("{now} both times")
    } else {
        format!("{before}, then {now}")
    }
}

// The import page's spreadsheets: what was recognised, each column and label, a file cut
// short by a quote, the check list by rows and each conflict side by side (issue 19).

pub const CHOOSE_FILES: &str = "Choose response files or a spreadsheet (CSV, TSV or Excel)";
pub const COLUMN_STATUS: &str = "Status";
pub const STATUS_RECOGNISED: &str = "Recognised";
pub const STATUS_NOT_RECOGNISED: &str = "Not recognised";
pub const STATUS_NOT_RECOGNISED_HINT: &str = "Not read until you choose what it holds.";
pub const STATUS_CHOSEN: &str = "Your choice";
pub const CLOSEST_STATEMENTS: &str = "Closest statements:";
pub const TARGET_SUBMITTED: &str = "When it was sent (completion time)";
pub const TARGET_FINISHED: &str = "Whether they finished (a 0 or No keeps it as a draft)";
pub const TARGET_ROW_STATEMENT: &str = "Row per answer: the statement id";
pub const TARGET_ROW_ANSWER: &str = "Row per answer: the answer";
pub const TARGET_ROW_COMMENT: &str = "Row per answer: the comment";
pub const TARGET_ROW_LEVEL: &str = "Row per answer: the level chosen";
pub const GROUP_PERSON: &str = "About the person";
pub const GROUP_STATEMENTS: &str = "Answers to a statement";
pub const GROUP_LEVELS: &str = "Levels chosen";
pub const GROUP_COMMENTS: &str = "Comments";
pub const GROUP_ROWS: &str = "A row per answer (Trellis's answers export)";
pub const LABELS_TITLE: &str = "What the labels in this file mean";
pub const LABELS_HELP: &str = "Each label is matched once and the choice applies to every row that carries it. Check the ones marked \u{201c}suggested\u{201d}; a label left unmatched refuses its rows.";
pub const ORGANISATIONS_IN_FILE: &str = "Organisations in this file";
pub const ROLES_IN_FILE: &str = "Roles in this file";
pub const ANSWERS_NOT_READ: &str = "Answers Trellis does not read on its own";
pub const LABEL_AS_WRITTEN: &str = "As written";
pub const LABEL_ROWS: &str = "Rows";
pub const LABEL_TAKEN_AS: &str = "Taken as";
pub const NOT_MAPPED: &str = "Not mapped: refuse these rows";
pub const SUGGESTED: &str = "suggested";
pub const NOTHING_FROM_FILE: &str =
    "Nothing from this file is imported unless you choose to take the rows before that line.";
pub const CONFLICTS_TITLE: &str = "Copies that disagree";
pub const CONFLICTS_HELP: &str = "Each pair has the same response id and time but different answers, so neither is the newer. The first is kept unless you choose otherwise.";
pub const CONFLICT_ASKED: &str = "Asked";
pub const KEEP_FIRST: &str = "Keep the first only (the second is skipped)";
pub const KEEP_SECOND: &str = "Keep the second only";
pub const KEEP_BOTH: &str = "Keep both as separate responses";
pub const CONFLICT_SENT: &str = "Sent";
pub const NO_COMMENT: &str = "No comment";

/// "Read as a Qualtrics export: 3 header rows, 7 rows of answers."
pub fn read_as(platform: trellis_core::transfer::Platform, header_rows: usize, data_rows: usize) -> String {
    use trellis_core::transfer::Platform::*;
    let what = match platform {
        Trellis => "Trellis's own CSV (a row per person)",
        TrellisTidy => "Trellis's answers export (a row per answer)",
        MicrosoftForms => "a Microsoft Forms export",
        GoogleForms => "a Google Forms export",
        SurveyMonkey => "a SurveyMonkey export",
        Qualtrics => "a Qualtrics export",
        Jisc => "a Jisc Online Surveys export",
        Other => "a table with its own headings",
    };
    format!(
        "Read as {what}: {}, {}.",
        plural(header_rows, "header row", "header rows"),
        plural(data_rows, "row of answers", "rows of answers")
    )
}

/// A column the survey tool adds for itself, left out on purpose.
pub fn status_ignored(kind: trellis_core::transfer::MetadataKind) -> &'static str {
    use trellis_core::transfer::MetadataKind::*;
    match kind {
        Timing => "Ignored: start and end times",
        Contact => "Ignored: contact details (not kept)",
        Bookkeeping => "Ignored: the survey tool's own records",
        Description => "Ignored: wording repeated on every row",
    }
}

/// A free-text column, read as comments on a statement.
pub fn status_free_text(statement: Option<&str>) -> String {
    match statement {
        Some(text) => format!(
            "Free text: kept as comments on \u{201c}{}\u{201d}",
            short_text(text)
        ),
        None => "Free text: not read".to_string(),
    }
}

fn short_text(text: &str) -> String {
    let short: String = text.chars().take(70).collect();
    if short.len() < text.len() {
        format!("{short}…")
    } else {
        short
    }
}

pub fn comment_option(text: &str) -> String {
    format!("Comments on: {}", short_text(text))
}

/// The one-click choice of a closest statement for a column not recognised.
pub fn use_statement(text: &str) -> String {
    format!("Use \u{201c}{}\u{201d}", short_text(text))
}

pub fn mapping_problem(problem: &str) -> String {
    format!("These columns cannot be read yet: {problem}.")
}

pub fn label_select(value: &str) -> String {
    format!("What \u{201c}{value}\u{201d} means")
}

pub fn unclosed_quote(file: &str, error: &TransferError) -> String {
    format!("{file}: {}.", transfer_error(error))
}

pub fn take_rows_before(rows: usize, line: u64) -> String {
    format!("Take the {} before line {line}", plural(rows, "row", "rows"))
}

pub fn files_waiting(n: usize) -> String {
    format!(
        "{} waiting after this one.",
        plural(n, "more file is", "more files are")
    )
}

/// The check list's lead: every row read, in the bucket it lands in.
pub fn rows_read(counts: trellis_core::transfer::RowCounts, applied: bool) -> String {
    let total = counts.added + counts.updated + counts.unchanged + counts.conflicting + counts.rejected;
    let will = if applied { "were" } else { "will be" };
    format!(
        "{} read: {} {will} added, {} updated with a newer copy, {} already here, {} conflicting, {} refused.",
        plural(total, "row", "rows"),
        counts.added,
        counts.updated,
        counts.unchanged,
        counts.conflicting,
        counts.rejected
    )
}

/// An added response a respondent never sent: kept, not counted in results.
pub fn import_draft(source: &str, organisation: &str) -> String {
    format!("Added as a draft: {source} ({organisation}) was not sent, so it is kept but not counted in the results")
}

pub fn conflict_legend(source: &str, first: Option<&str>) -> String {
    let first = first.unwrap_or("the copy already here");
    format!("What to keep: {first} or {source}")
}

pub fn first_copy(source: Option<&str>) -> String {
    format!("First: {}", source.unwrap_or("the copy already here"))
}

pub fn second_copy(source: &str) -> String {
    format!("Second: {source}")
}

pub fn conflict_level(topic: &str) -> String {
    format!("Level for {topic}")
}

pub fn conflict_comment(statement: &str) -> String {
    format!("Comment on \u{201c}{}\u{201d}", short_text(statement))
}

/// What became of a conflict once added (or will, in the check list).
pub fn conflict_outcome(
    source: &str,
    first: Option<&str>,
    choice: trellis_core::transfer::ConflictChoice,
    kept_as: Option<&str>,
) -> String {
    use trellis_core::transfer::ConflictChoice::*;
    let first = first.unwrap_or("the copy already here");
    match choice {
        KeepFirst => format!("Conflict: {first} is kept and {source} is skipped"),
        KeepSecond => format!("Conflict: {source} is kept in place of {first}"),
        KeepBoth => format!(
            "Conflict: both kept; {source} is a separate response ({})",
            kept_as.unwrap_or("a new id")
        ),
    }
}
pub const SKIP_FILE: &str = "Leave this file out";

// Reading .xlsx files (src/browser/xlsx.rs): why not, a clause as FILE_READ_FAILED is.
/// `kind` and `detail` as static/xlsx.js and the worker send them.
pub fn xlsx_error(kind: &str, detail: &str) -> String {
    let csv = "; save it as CSV and open that instead";
    match kind {
        "NotZip" => "it is not an Excel workbook (.xlsx), or it was cut short".to_string(),
        "OldOrProtected" => format!("it is an old Excel file (.xls) or has a password{csv}"),
        "NoWorksheet" => "the workbook has no worksheet".to_string(),
        "Unreadable" | "BadXml" => format!("part of the workbook ({detail}) is damaged"),
        "BadCell" => format!("cell {detail} is damaged"),
        "TooLargeBytes" => format!("it is over 50 MB unpacked{csv}"),
        "TooManyRows" | "TooManyColumns" | "TooManyCells" => {
            format!("it has over {detail} {}", &kind[7..].to_lowercase())
        }
        "TimedOut" => format!("reading it took over a minute{csv}"),
        "NoWorker" => format!("this browser could not start the spreadsheet reader{csv}"),
        _ => format!("the spreadsheet reader failed{csv}"),
    }
}

// Storage filling up, and moving finished rounds to a file (issue 20, big rounds).
pub const STORAGE_FILLING_TITLE: &str = "This browser's storage is filling up.";
pub fn storage_filling(percent: usize) -> String {
    format!("Trellis is using {percent}% of the space this browser gives it. Saving still works, but once the space runs out new changes cannot be saved. Make room now by moving finished rounds to a file: you can open the file again at any time.")
}
pub const MOVE_ROUNDS_LINK: &str = "Move finished rounds to a file";
pub const MOVE_ROUNDS_TITLE: &str = "Move finished rounds to a file";
pub fn storage_share(percent: usize) -> String {
    format!("Trellis is using {percent}% of the space this browser allows (room in all for about 880 rounds of 30 people).")
}
pub const MOVE_ROUNDS_LEAD: &str = "A closed round, or one that a later round has followed, can be saved as a round file and then removed from this browser to make room. The file holds everything about those rounds: answers, comments, agreed levels and plans. Open it under \"Open a Trellis file\" on this page, here or in another browser, and the rounds come back exactly as they were.";
pub const MOVE_ROUNDS_TABS: &str =
    "Close Trellis in any other tab first: another open tab still holds the rounds and would put them back.";
pub const NO_ROUNDS_TO_MOVE: &str = "No round is finished yet. A round can be moved once it is closed or a later round of its collaboration has started.";
pub const CHOOSE: &str = "Choose";
pub const FINISHED: &str = "Finished because";
pub const FINISHED_CLOSED: &str = "Closed";
pub const FINISHED_SUPERSEDED: &str = "A later round followed";
pub fn choose_round(round: &str, collaboration: &str) -> String {
    format!("Move {round} ({collaboration})")
}
pub fn move_chosen(rounds: usize, share: &str, percent_after: usize) -> String {
    let what = plural(rounds, "round", "rounds");
    format!("{what} chosen, {share} of the space in all. Afterwards Trellis will use about {percent_after}% of it.")
}
pub const SHARE_OF_SPACE: &str = "Share of the space";
/// A share of the browser's storage allowance, such as "4.2%".
pub fn share_of_space(percent: f64) -> String {
    format!("{percent:.1}%")
}
pub const MOVE_ROUNDS_BUTTON: &str = "Save chosen rounds to a file and remove them";
pub const MOVE_NONE_CHOSEN: &str = "Choose at least one round to move.";
pub fn confirm_move(rounds: usize) -> String {
    let what = match rounds {
        1 => "the chosen round".to_string(),
        n => format!("the {n} chosen rounds"),
    };
    format!("Trellis will download a file holding {what}, then remove them from this browser.\n\nKeep that file somewhere safe, such as your team's shared drive: once the rounds are removed, it is the only copy. Open it on \"Your data\" to bring them back.\n\nContinue?")
}
pub fn moved_rounds(rounds: usize, file: &str) -> String {
    let what = plural(rounds, "round", "rounds");
    format!("Moved {what} to the file {file}, which your browser has saved with your downloads. Keep that file: it is now the only copy. To bring the rounds back, open it under \"Open a Trellis file\" above.")
}
pub const MOVE_PUT_BACK_HINT: &str = "If the file is not in your downloads (for example because you cancelled saving it), put the rounds back now, before leaving this page.";
pub const MOVE_PUT_BACK: &str = "Put the rounds back";
pub const MOVE_ROUNDS_GONE: &str = "One of the chosen rounds is no longer in this browser (another tab may have changed it). Nothing was removed; choose again.";
pub fn move_download_failed(why: &str) -> String {
    format!("The file could not be made, so nothing was removed: {why}.")
}
// ---------------------------------------------------------------------------------------
// Issue 20: the summary file for comparing collaborations, and the comparison page.

pub const EXPORT_COMPARE_TITLE: &str = "Summary for comparison (anonymised)";
pub const EXPORT_COMPARE_LEAD: &str = "A file to send to a regional analyst who looks at many collaborations side by side. It has each topic's average, spread, agreement and level, and the number of people who answered. It has no organisations, roles, answers or comments. A topic scored by fewer people than the smallest group has no figures.";
pub const EXPORT_COMPARE_LABEL: &str = "Name the collaboration in the file as";
pub const EXPORT_COMPARE_LABEL_HINT: &str =
    "Its name, or a code you have agreed with the analyst if the name should not leave your team.";
pub const EXPORT_COMPARE_BUTTON: &str = "Download the summary for comparison (CSV)";
pub const EXPORT_COMPARE_NO_LABEL: &str = "Enter a name or a code for the collaboration.";

pub const COMPARE_LINK: &str = "Compare collaborations";
pub const COMPARE_LINK_LEAD: &str =
    "For a regional team: open summary files from many collaborations and see them side by side.";
pub const COMPARE_TITLE: &str = "Compare collaborations";
pub const COMPARE_LEAD: &str = "Open the summary files that facilitators sent you (each round's export page makes one). Trellis reads them on this device and stores nothing: when you leave this page, they are gone.";
pub const COMPARE_CAUTION: &str = "Collaborations differ in type, size and how long they have worked together. Treat a difference as a question to talk about, not as a place in a league table.";
pub const COMPARE_FILES: &str = "Summary files";
pub const COMPARE_CHOOSE: &str = "Choose summary files (CSV)";
pub const COMPARE_DROP_HINT: &str =
    "You can choose many files at once, or drop them here. Files you add join those already open.";
pub const COMPARE_CLEAR: &str = "Close all files";
pub const COMPARE_READING: &str = "Reading files…";
pub const COMPARE_NOT_USED: &str = "These files were not used:";
pub const COMPARE_HIGHLIGHT: &str = "Collaboration to highlight";
pub const COMPARE_NO_HIGHLIGHT: &str = "None";
pub const COMPARE_SPREAD_TITLE: &str = "Each topic across collaborations";
pub const COMPARE_SPREAD_LEAD: &str = "Each collaboration counts once, at its latest round. A dot is one collaboration's average; the box runs from the lower to the upper quartile, with a line at the median. The highlighted collaboration is the tall line.";
pub const COMPARE_TABLE_CAPTION: &str = "The same figures: averages of the collaborations' latest rounds (the middle half runs from the lower to the upper quartile)";
pub const COMPARE_TOPIC: &str = "Topic";
pub const COMPARE_COUNT: &str = "Collaborations";
pub const COMPARE_MEDIAN: &str = "Median";
/// The lower to the upper quartile.
pub const COMPARE_MIDDLE: &str = "Middle half";
/// The lowest to the highest.
pub const COMPARE_RANGE: &str = "Range";
pub const COMPARE_MEDIAN_LEVEL: &str = "Median level";
pub const COMPARE_CHANGE_TITLE: &str = "Change over rounds";
pub const COMPARE_CHANGE_NONE: &str = "No collaboration has more than one round in these files.";
pub const COMPARE_CHANGE_CAPTION: &str = "Levels from each collaboration's first round to its latest";
pub const COMPARE_ROSE: &str = "Rose";
pub const COMPARE_STAYED: &str = "Stayed";
pub const COMPARE_FELL: &str = "Fell";
pub const COMPARE_LEVEL: &str = "Level";
pub const COMPARE_AVERAGE: &str = "Average";
pub const COMPARE_QUESTIONS_CHANGED: &str = "questions changed";

/// How many files were read and what they hold.
pub fn compare_span(low: &str, high: &str) -> String {
    format!("{low} to {high}")
}
pub fn compare_counts(files: usize, collaborations: usize, with_rounds: usize) -> String {
    format!(
        "{} used: {}, {} of them with more than one round.",
        plural(files, "summary file", "summary files"),
        plural(collaborations, "collaboration", "collaborations"),
        with_rounds
    )
}

/// A file left out because another holds the same round.
pub fn compare_duplicate(file: &str, kept: &str) -> String {
    if file == kept {
        format!("{file} was opened twice and is counted once.")
    } else {
        format!("{file} holds the same round as {kept}, so only {kept} is counted.")
    }
}

/// Where the highlighted collaboration sits for a topic, in words.
pub fn compare_standing(label: &str, s: &trellis_core::summary::Standing, others: usize) -> String {
    use trellis_core::summary::Band;
    let Some(mean) = s.mean else {
        return format!("{label}: too few people answered for figures.");
    };
    let band = match s.band {
        Some(Band::LowestQuarter) => "in the lowest quarter",
        Some(Band::BelowMiddle) => "below the middle",
        Some(Band::Middle) => "in the middle",
        Some(Band::AboveMiddle) => "above the middle",
        Some(Band::HighestQuarter) => "in the highest quarter",
        None => "",
    };
    format!(
        "{label}: average {}, {band}. Of the {others} others, {} higher and {} lower.",
        trellis_core::scoring::format_score(mean),
        s.higher,
        s.lower
    )
}

/// How many collaborations' latest rounds had too few people for a topic's figures.
pub fn compare_withheld(n: usize) -> String {
    format!(
        "{}: too few people for figures",
        plural(n, "collaboration", "collaborations")
    )
}

/// The latest rounds used more than one questionnaire version.
pub fn compare_versions(versions: &[String]) -> String {
    format!(
        "The latest rounds used different questionnaires ({}). Levels compare across versions; averages compare best within one.",
        and_list(versions)
    )
}

/// The highlighted collaboration's rounds.
pub fn compare_own_change(label: &str, first: u32, latest: u32) -> String {
    format!("{label}, round {first} to round {latest}")
}

/// What is wrong with a file that is not a summary file Trellis can read.
pub fn summary_error(e: &trellis_core::summary::SummaryError) -> String {
    use trellis_core::summary::SummaryProblem as P;
    let problem = match &e.problem {
        P::Empty => "the file has no rows.".to_string(),
        P::NotCsv => "this is not a CSV file Trellis can read.".to_string(),
        P::NotSummary => {
            "this is not a summary for comparison (its first column is not \"format\").".to_string()
        }
        P::UnknownFormat(f) => format!("the format \"{f}\" is not a Trellis summary."),
        P::NewerVersion(v) => {
            format!("this summary is version {v}, made by a newer Trellis. Update Trellis to read it.")
        }
        P::MissingColumn { found: Some(f) } => format!("this column should be here, but \"{f}\" is."),
        P::MissingColumn { found: None } => "this column is missing.".to_string(),
        P::ShortRow => "this row has fewer cells than the header.".to_string(),
        P::Differs(v) => format!("\"{v}\" differs from the first row; it must be the same on every row."),
        P::Required => "this cell is empty, but it must have a value.".to_string(),
        P::NotANumber(v) => format!("\"{v}\" is not a number of the kind this column needs."),
        P::OutOfRange(v) => format!("{v} is outside the range this column allows."),
        P::NotADate(v) => format!("\"{v}\" is not a date written as YYYY-MM-DD."),
        P::NotAllowed(v) => format!("\"{v}\" is not a value this column allows."),
        P::DuplicateDomain(d) => format!("the topic \"{d}\" appears twice."),
        P::NotSuppressed => {
            "this topic has figures although fewer people than the smallest group were scored.".to_string()
        }
    };
    let mut place = e.file.clone();
    if let Some(line) = e.line {
        place.push_str(&format!(", line {line}"));
    }
    if let Some(column) = e.column {
        place.push_str(&format!(", column {column}"));
    }
    format!("{place}: {problem}")
}

// Folders of answers and co-facilitators' shared files (src/browser/folder.rs,
// src/pages/import.rs, src/pages/shared.rs; docs/sharing.md).
pub const FOLDER_GLUE_MISSING: &str = "this browser could not load Trellis's folder tools (are you offline?)";
pub const FOLDER_TITLE: &str = "Answers from a folder";
pub const FOLDER_LEAD: &str = "Ask respondents to save their answers file into one shared folder (for example a Teams or SharePoint folder synchronised by OneDrive). Trellis reads every answers file, code and spreadsheet in it, remembers which ones it has read, and later reads only the new or changed ones.";
pub const OPEN_FOLDER: &str = "Open a folder of answers";
pub const CHECK_FOLDER: &str = "Check for new answers";
pub const CHOOSE_FOLDER: &str = "Choose the folder of answers";
pub const CHOOSE_FOLDER_HINT: &str = "Choose the same folder again to check for new answers: only files that are new or changed since are read.";
pub const NO_FOLDER_SUPPORT: &str = "This browser cannot open a folder. Open the files themselves above instead, or use Microsoft Edge or Google Chrome.";
pub const FOLDER_NOT_KEPT: &str = "This browser could not keep access to the folder, so after you leave this page you will need to open it again.";
pub const FOLDER_FORGET: &str = "Stop using this folder";
pub fn folder_tell_respondents(folder: &str) -> String {
    format!("A sentence for your email to respondents: \u{201c}When you have sent your answers, save the answers file into the folder \u{2018}{folder}\u{2019}.\u{201d}")
}
pub fn folder_in_use(folder: &str, read: usize) -> String {
    format!(
        "Folder: \u{2018}{folder}\u{2019}. {} read into this round so far.",
        plural(read, "file", "files")
    )
}
pub fn folder_found(folder: &str, new: usize, listed: usize) -> String {
    match new {
        0 => format!("No new answers in \u{2018}{folder}\u{2019}: all {} read before or not answers files.", plural(listed, "file was", "files were")),
        n => format!("Reading {} from \u{2018}{folder}\u{2019}. Check the list below, then add the answers; the files are remembered as read once added.", plural(n, "new or changed file", "new or changed files")),
    }
}
pub fn folder_record_damaged(why: &trellis_core::folder::FolderRecordError) -> String {
    use trellis_core::folder::FolderRecordError::*;
    let why = match why {
        Damaged(d) => format!("it is damaged ({d})"),
        Newer(v) => format!("a newer version of Trellis wrote it (format {v})"),
    };
    format!("Trellis could not use its list of files already read from this round's folder, because {why}. Every file in the folder will be read again; answers already in the round show as unchanged.")
}
/// Why a folder or shared file could not be used.
pub fn folder_status(status: &crate::browser::folder::Status) -> String {
    use crate::browser::folder::Status::*;
    match status {
        Unsupported => "This browser cannot keep a folder or file open for Trellis. Use Microsoft Edge or Google Chrome, or save and open the file by hand.".to_string(),
        Cancelled => "Nothing was chosen.".to_string(),
        Missing => "Trellis no longer has access to it (the browser's site data may have been cleared). Choose it again.".to_string(),
        Denied(name) => format!("Trellis needs your permission to use \u{2018}{name}\u{2019}. Press the button again and choose \u{201c}Allow\u{201d} when the browser asks."),
        Failed(detail) => format!("The browser could not use it: {detail}."),
    }
}
pub const SHARED_TITLE: &str = "Working with a co-facilitator";
pub const SHARED_LEAD: &str = "Link this collaboration to a file in a folder you share with a co-facilitator (a Teams or SharePoint folder synchronised by OneDrive). Trellis writes your changes to the file and takes in theirs; a change you both made to the same action or agreed level is shown for you to choose.";
pub const SHARED_NEW: &str = "Create a shared file";
pub const SHARED_EXISTING: &str = "Link to an existing shared file";
pub const SHARED_SYNC: &str = "Sync now";
pub const SHARED_UNLINK: &str = "Stop sharing through this file";
pub const SHARED_MANUAL: &str = "This browser cannot keep a file open for Trellis, so share by hand: save this collaboration's file into the shared folder, and open the file your co-facilitator saved there to take in their changes.";
pub const SHARED_SAVE: &str = "Save the shared file";
pub const SHARED_OPEN: &str = "Open the shared file";
pub const SHARED_OPEN_HOME: &str = "Open a collaboration shared with you";
pub const SHARED_OPEN_HOME_HINT: &str = "A co-facilitator's shared collaboration file (.json) in your shared folder. Trellis adds the collaboration here and keeps it linked to the file.";
pub const SHARED_CONFLICTS: &str = "Changed on both sides";
pub const SHARED_CONFLICTS_HELP: &str = "You and your co-facilitator each changed these without seeing the other's change. Choose which version to keep for each; nothing is written until you apply your choices.";
pub const SHARED_KEEP_MINE: &str = "Keep mine";
pub const SHARED_KEEP_THEIRS: &str = "Keep theirs";
pub const SHARED_APPLY: &str = "Apply choices and sync";
pub const SHARED_MINE: &str = "Mine";
pub const SHARED_THEIRS: &str = "Theirs";
pub const SHARED_NOTHING_NEW: &str = "Synced: nothing new from your co-facilitator.";
pub const NO_LEVEL_AGREED: &str = "no level agreed";
/// The suggested name of a collaboration's shared file.
pub fn shared_file_name(collaboration: &str) -> String {
    let name: String = collaboration
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    format!("trellis-shared-{}.json", name.trim_matches('-'))
}
pub fn shared_linked(file: &str) -> String {
    format!("Linked to the shared file \u{2018}{file}\u{2019}.")
}
pub fn shared_came_in(file: &str, r: &trellis_core::merge::MergeReport) -> String {
    format!("Synced. {}", merge_preview(file, r))
}
pub fn shared_other_collaboration(file: &str) -> String {
    format!("\u{2018}{file}\u{2019} holds a different collaboration, so it was not used. Choose this collaboration's shared file.")
}
pub fn shared_conflict_plan(title: &str) -> String {
    format!("Action \u{201c}{title}\u{201d}")
}
pub fn shared_conflict_level(domain: &str) -> String {
    format!("Agreed level for \u{201c}{domain}\u{201d}")
}
pub fn shared_chose(record: &str) -> String {
    format!("Which version of {record} to keep")
}
