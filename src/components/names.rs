//! Words for the engine's ids and numbers, looked up in the instrument: topic titles,
//! statement wording, level names, context conditions, the group level, where a readiness
//! topic stands, and the names of the answer categories. Shared by every page that shows
//! results.

use trellis_core::analysis::{
    score_range, AgendaTopic, Critical, DomainResult, GroupLevel, LevelSource, ReadinessDomain,
    ReadinessState, SuggestedAction,
};
use trellis_core::scoring::format_score;
use trellis_core::Instrument;

use crate::messages as msg;

/// A topic's title, or its id if the instrument no longer has it.
pub fn domain_title(instrument: &Instrument, id: &str) -> String {
    instrument
        .domain(id)
        .map_or_else(|| id.to_string(), |d| d.title.clone())
}

/// What an agenda item is about, in words: a topic's title or the partner map's.
pub fn agenda_topic(instrument: &Instrument, topic: &AgendaTopic) -> String {
    match topic {
        AgendaTopic::Domain(id) => domain_title(instrument, id),
        AgendaTopic::PartnerMap => msg::PARTNER_MAP_TOPIC.to_string(),
    }
}

/// A statement's wording, or its id if the instrument no longer has it.
pub fn statement_text(instrument: &Instrument, id: &str) -> String {
    instrument
        .statements()
        .iter()
        .find(|x| x.id == id)
        .map_or_else(|| id.to_string(), |x| x.text.clone())
}

/// Instrument text with any statement id in it put into words: "the vision.shared score
/// rises" becomes "the score for “People from every partner share the same aim” rises".
pub fn plain_text(instrument: &Instrument, text: &str) -> String {
    let mut out = text.to_string();
    // Longest ids first, so an id that begins another ("trust.past", "trust.past-work")
    // never replaces part of it.
    let mut statements: Vec<_> = instrument.statements().iter().collect();
    statements.sort_by_key(|s| std::cmp::Reverse(s.id.len()));
    for s in statements {
        if !out.contains(s.id.as_str()) {
            continue;
        }
        let wording = msg::quoted(s.text.trim_end_matches('.'));
        out = out
            .replace(
                &format!("the {} score", s.id),
                &format!("the score for {wording}"),
            )
            .replace(
                &format!("The {} score", s.id),
                &format!("The score for {wording}"),
            )
            .replace(s.id.as_str(), &wording);
    }
    out
}

/// The level's name, as "3 Established".
pub fn level_text(instrument: &Instrument, level: u8) -> String {
    let name = instrument
        .levels()
        .get(usize::from(level).wrapping_sub(1))
        .map_or("", |l| l.name.as_str());
    msg::level_name(level, name)
}

/// A context condition that makes a topic critical or an action first, in quotes.
pub fn condition_label(instrument: &Instrument, c: &Critical) -> String {
    let label = instrument
        .context()
        .iter()
        .find(|q| q.id == c.question)
        .and_then(|q| q.options.iter().find(|o| o.id == c.option))
        .map_or_else(|| c.option.clone(), |o| o.label.clone());
    msg::context_condition(&label)
}

/// A level read from the scores, with the averages it stands for:
/// "2 Developing (from scores: an average from 2.5 to below 3.5)".
fn from_scores_text(instrument: &Instrument, level: u8) -> String {
    let range = score_range(level, instrument.levels().len() as u8);
    let (from, below) = range.map_or((None, None), |r| (r.from, r.below));
    format!(
        "{} {}",
        level_text(instrument, level),
        msg::from_scores(from, below)
    )
}

/// The group's level for a topic, as the results show it.
pub fn group_level_text(instrument: &Instrument, level: GroupLevel) -> String {
    match level {
        GroupLevel::Chosen(l) => level_text(instrument, l),
        GroupLevel::FromScores(l) => from_scores_text(instrument, l),
        GroupLevel::Uncertain => msg::UNCERTAIN.to_string(),
        GroupLevel::Unknown => "–".to_string(),
    }
}

/// A topic's level now, as every results view shows it: the agreed level where the group
/// recorded one ("2 Developing (agreed)"), else the people's level. A readiness topic has
/// no maturity levels to climb: it says where it stands ("not yet in place").
pub fn level_now_text(instrument: &Instrument, d: &DomainResult) -> String {
    if instrument.is_readiness(&d.domain) {
        return standing_text(ReadinessState::of(d.stats.as_ref().map(|s| s.mean))).to_string();
    }
    match (d.level_source(), d.working_level()) {
        (Some(LevelSource::Agreed), Some(l)) => format!("{} {}", level_text(instrument, l), msg::AGREED_TAG),
        (Some(LevelSource::Chosen), Some(l)) => level_text(instrument, l),
        (Some(LevelSource::FromScores | LevelSource::ScoreBand), Some(l)) => from_scores_text(instrument, l),
        _ => "–".to_string(),
    }
}

/// Where a readiness topic stands, in words: "not yet in place".
pub fn standing_text(state: ReadinessState) -> &'static str {
    match state {
        ReadinessState::InPlace => msg::STANDING_IN_PLACE,
        ReadinessState::NotInPlace => msg::STANDING_NOT_YET,
        ReadinessState::Against => msg::STANDING_DISAGREE,
        ReadinessState::Unknown => msg::NOT_ENOUGH_ANSWERS,
    }
}

/// A readiness topic's standing with its average: "not yet in place, average 2.8".
pub fn standing_with_score(d: &ReadinessDomain) -> String {
    match d.score {
        Some(s) => format!(
            "{}, {}",
            standing_text(d.state),
            msg::average(Some(format_score(s)))
        ),
        None => standing_text(d.state).to_string(),
    }
}

/// A topic at a level from scores (`None` without one), for lists that set topics side
/// by side: "3 Established", or for a readiness topic where it stands ("in place").
pub fn level_or_standing(instrument: &Instrument, domain: &str, level: Option<u8>) -> String {
    if instrument.is_readiness(domain) {
        return msg::standing_of_level(level).to_string();
    }
    level.map_or_else(
        || msg::NOT_ENOUGH_ANSWERS.to_string(),
        |l| level_text(instrument, l),
    )
}

/// Why the engine suggested an action, in words: the topic's place on the agenda (or, for
/// an outcomes topic, that it is below its target; for a readiness topic, that it is a
/// condition and where it stands), the level, and each reason it fits this round
/// (weakest statements, context answers, differences between organisations).
pub fn why_suggested(instrument: &Instrument, s: &SuggestedAction) -> String {
    // Without the readiness result at hand, a readiness topic's standing is read from
    // the level its actions were matched to.
    let standing = instrument
        .is_readiness(&s.domain)
        .then(|| msg::standing_of_level(Some(s.level)).to_string());
    why(instrument, s, standing.as_deref())
}

/// Why the engine suggested an action for a condition of the readiness result `d`.
pub fn why_condition(instrument: &Instrument, s: &SuggestedAction, d: &ReadinessDomain) -> String {
    why(instrument, s, Some(&standing_with_score(d)))
}

fn why(instrument: &Instrument, s: &SuggestedAction, condition: Option<&str>) -> String {
    let statement = |id: &str| statement_text(instrument, id);
    let weakest: Vec<String> = s
        .weakest
        .iter()
        .map(|w| msg::weak_statement(&statement(&w.statement), w.value))
        .collect();
    let gaps: Vec<String> = s
        .organisation_gaps
        .iter()
        .map(|g| msg::gap_statement(&statement(&g.statement), g.value))
        .collect();
    let matches: Vec<String> = s
        .context_matches
        .iter()
        .map(|c| condition_label(instrument, c))
        .collect();
    msg::why_suggested(&msg::WhySuggested {
        place: s.agenda_rank.map(|r| r + 1),
        condition,
        level: &level_text(instrument, s.level),
        suits_level: s.level_distance == 0,
        weakest: &weakest,
        matches: &matches,
        gaps: &gaps,
    })
}

/// The names of the answer categories in chart order, from the instrument's own scale:
/// each point, then "don't know", then "not applicable".
pub fn answer_categories(instrument: &Instrument) -> Vec<String> {
    let scale = instrument.scale();
    let mut names: Vec<String> = scale.points.iter().map(|p| p.label.clone()).collect();
    names.push(scale.dont_know.clone());
    names.push(scale.not_applicable.clone());
    names
}
