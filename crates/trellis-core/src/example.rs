//! Fictional example data: a seeded generator that builds a clearly labelled
//! collaboration of four partners with two assessment rounds, so a newcomer can see
//! every view of Trellis at once.
//!
//! The same seed and date always give the same data (oorandom's output is fixed for a
//! seed across its versions). Answers come from a simple model: each domain has a true
//! level for the round, each partner sees it somewhat higher or lower, each person
//! varies around their partner's view, and each statement around the person's view.
//!
//! The second round has a partner map: each person rates their organisation's ties with
//! the other three partners around a view their organisation shares (`TIES`), from a
//! random stream of its own, so the answers are the same as without the map.

use std::collections::BTreeMap;

use oorandom::Rand64;

use crate::format::{
    ActionStatus, Answer, Collaboration, ContextAnswer, Partner, Response, RoleCategory, RoundStatus, Tie,
    Timestamp, Workspace, TIE_STEPS,
};
use crate::instrument::Instrument;
use crate::workspace::{InputError, NewRound};

/// Every id made here starts with this, so example records can never clash with real
/// ones (which are random hexadecimal).
pub const ID_PREFIX: &str = "example-";

/// The fixed seed used by the app's "try it with example data" action.
pub const SEED: u64 = 20_231_103;

/// Respondents per round.
pub const PER_ROUND: usize = 30;

const PARTNERS: [(&str, f64, [f64; 9]); 4] = [
    // (name, share of respondents, how this partner sees each domain relative to the
    // group, in instrument domain order: leadership, trust, vision, agreements,
    // conflict, capacity, progress, risk, outcomes)
    (
        "Riverside Hospitals NHS Trust (example)",
        0.34,
        [0.4, 0.1, 0.3, 0.4, 0.0, 0.2, 0.2, 0.3, 0.2],
    ),
    (
        "Northfield Community Health (example)",
        0.26,
        [0.0, 0.2, 0.0, 0.0, 0.1, -0.2, 0.0, 0.0, 0.0],
    ),
    (
        "Brookside Primary Care Network (example)",
        0.2,
        [-0.2, -0.1, -0.2, -0.3, -0.2, -0.5, -0.3, -0.2, -0.2],
    ),
    (
        "Riverside Voluntary Action (example)",
        0.2,
        [-0.6, -0.7, -0.1, -0.8, -0.5, -0.6, -0.4, -0.6, -0.4],
    ),
];

/// The group's true view of each domain (1 to 5) in the first round, and the change by
/// the second: trust and progress improve after the actions taken, agreements dip while
/// a new agreement is negotiated (the early dip the method warns about).
const FIRST: [f64; 9] = [3.3, 2.6, 3.4, 2.4, 2.8, 2.5, 2.9, 3.0, 2.7];
const CHANGE: [f64; 9] = [0.2, 0.7, 0.1, -0.3, 0.3, 0.1, 0.6, 0.0, 0.2];

const ROLES: [(RoleCategory, f64); 6] = [
    (RoleCategory::SeniorLeader, 0.17),
    (RoleCategory::Manager, 0.27),
    (RoleCategory::Clinician, 0.23),
    (RoleCategory::FrontLine, 0.2),
    (RoleCategory::ServiceUser, 0.06),
    (RoleCategory::Other, 0.07),
];

/// How each partner sees its tie with each other partner (rows: the rater's partner, in
/// [`PARTNERS`] order; columns: the partner rated), now and as it should be, on the
/// continuum from 1 networking to 5 collaboration. The hospital trust thinks it works
/// with community health as a coalition, where community health sees only cooperation (a
/// pair the two sides see differently); the trust and the voluntary organisation barely
/// network but both want a coalition (far from where they want to be); and the voluntary
/// organisation has no strong tie with anyone (few strong ties).
const TIES: [[(f64, f64); 4]; 4] = [
    [(0.0, 0.0), (3.8, 4.2), (3.0, 4.0), (1.1, 3.9)],
    [(2.0, 3.0), (0.0, 0.0), (3.0, 3.8), (2.0, 3.0)],
    [(2.9, 3.8), (3.0, 3.6), (0.0, 0.0), (2.0, 3.0)],
    [(1.2, 4.0), (2.0, 3.0), (1.9, 2.9), (0.0, 0.0)],
];

/// Mixed into the seed for the ties' own random stream.
const TIES_STREAM: u128 = 0x7469_6573;

const COMMENTS: [&str; 6] = [
    "Better since the joint huddles started, but not everywhere yet.",
    "We hear about decisions after they are made.",
    "The new shared agreement is still being written.",
    "Our team has no time set aside for this work.",
    "Meetings are more open than a year ago.",
    "Hard to say from where I sit.",
];

/// A normal deviate by the Box-Muller transform.
fn normal(rng: &mut Rand64, sd: f64) -> f64 {
    let u1 = rng.rand_float().max(f64::MIN_POSITIVE);
    let u2 = rng.rand_float();
    sd * (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// Picks an index with the given weights (which sum to about 1).
fn pick(rng: &mut Rand64, weights: impl Iterator<Item = f64>) -> usize {
    let mut left = rng.rand_float();
    let mut last = 0;
    for (k, w) in weights.enumerate() {
        last = k;
        if left < w {
            return k;
        }
        left -= w;
    }
    last
}

/// The date `months` months before an ISO date, with the day capped at 28.
pub fn months_before(date: &str, months: u32) -> String {
    let part = |range: std::ops::Range<usize>| date.get(range).and_then(|t| t.parse::<i64>().ok());
    let (Some(y), Some(m), Some(d)) = (part(0..4), part(5..7), part(8..10)) else {
        return date.to_string();
    };
    let total = y * 12 + (m - 1) - i64::from(months);
    format!(
        "{:04}-{:02}-{:02}",
        total.div_euclid(12),
        total.rem_euclid(12) + 1,
        d.min(28)
    )
}

/// Adds the example collaboration, its two rounds and their responses to a workspace.
/// `today` (`YYYY-MM-DD`) is the second round's date; the first is six months before.
/// Returns the new collaboration's id.
pub fn add_example(
    workspace: &mut Workspace,
    instrument: &Instrument,
    seed: u64,
    today: &str,
    now: Timestamp,
) -> Result<String, InputError> {
    let mut rng = Rand64::new(u128::from(seed));
    let mut ties_rng = Rand64::new(u128::from(seed) ^ TIES_STREAM);
    let id = format!("{ID_PREFIX}{seed}");
    if workspace.collaboration(&id).is_some() {
        return Ok(id);
    }
    let partners: Vec<Partner> = PARTNERS
        .iter()
        .enumerate()
        .map(|(k, (name, _, _))| Partner {
            id: format!("p{}", k + 1),
            name: name.to_string(),
        })
        .collect();
    let one = |v: &str| ContextAnswer::One(v.to_string());
    let context: BTreeMap<String, ContextAnswer> = [
        ("type", one("alliance")),
        ("origin", one("encouraged")),
        ("depth", one("moderate")),
        ("scope", one("service")),
        ("partners", ContextAnswer::Number(4)),
        (
            "partner_kinds",
            ContextAnswer::Many(vec![
                "acute".to_string(),
                "community".to_string(),
                "primary-care".to_string(),
                "voluntary".to_string(),
            ]),
        ),
        ("geography", one("place")),
        ("history", one("mixed")),
        ("formal_basis", one("mou")),
        ("age", one("1-3")),
        (
            "pressures",
            ContextAnswer::Many(vec!["workforce".to_string(), "finance".to_string()]),
        ),
    ]
    .into_iter()
    .filter(|(q, _)| instrument.context().iter().any(|c| c.id == *q))
    .map(|(q, a)| (q.to_string(), a))
    .collect();
    workspace.add_collaboration(Collaboration {
        id: id.clone(),
        name: "Riverside Frailty Alliance (fictional example)".to_string(),
        partners,
        context,
        rounds: Vec::new(),
        created: now,
        contact: None,
        invited: None,
        example: true,
    });

    let mode = if instrument.mode("full").is_some() {
        "full"
    } else {
        instrument.modes().first().map_or("full", |m| m.id.as_str())
    };
    let dates = [months_before(today, 6), today.to_string()];
    for (r, date) in dates.iter().enumerate() {
        let round_id = format!("{id}-r{}", r + 1);
        let input = NewRound {
            name: format!("Round {} (example)", r + 1),
            date: date.clone(),
            mode: mode.to_string(),
            partner_map: r == 1,
        };
        workspace.add_round(
            &id,
            &input,
            instrument,
            round_id.clone(),
            Timestamp(now.0 + r as i64),
        )?;
        for k in 0..PER_ROUND {
            let mut response = respond(&mut rng, instrument, mode, &round_id, r, k, now);
            if input.partner_map {
                response.ties = ties(&mut ties_rng, &response.organisation);
            }
            workspace.responses.push(response);
        }
        facilitate(workspace, instrument, &round_id, r, now)?;
    }
    Ok(id)
}

/// Removes every example collaboration and its responses; real data is untouched.
/// Returns how many collaborations were removed.
pub fn remove_examples(workspace: &mut Workspace) -> usize {
    let rounds: Vec<String> = workspace
        .collaborations
        .iter()
        .filter(|c| c.example)
        .flat_map(|c| c.rounds.iter().map(|r| r.id.clone()))
        .collect();
    let before = workspace.collaborations.len();
    workspace.collaborations.retain(|c| !c.example);
    workspace.responses.retain(|r| !rounds.contains(&r.round_id));
    before - workspace.collaborations.len()
}

fn respond(
    rng: &mut Rand64,
    instrument: &Instrument,
    mode: &str,
    round_id: &str,
    round: usize,
    k: usize,
    now: Timestamp,
) -> Response {
    let partner = pick(rng, PARTNERS.iter().map(|p| p.1));
    let role = ROLES[pick(rng, ROLES.iter().map(|r| r.1))].0;
    // Senior leaders see things a little more kindly than front-line staff.
    let role_shift = match role {
        RoleCategory::SeniorLeader => 0.3,
        RoleCategory::FrontLine | RoleCategory::ServiceUser => -0.25,
        _ => 0.0,
    };
    let person = normal(rng, 0.45);
    let mut answers = BTreeMap::new();
    let mut levels = BTreeMap::new();
    let mut comments = BTreeMap::new();
    let levels_asked = instrument.mode(mode).is_some_and(|m| m.ask_levels);
    let max = f64::from(instrument.scale_max());
    for (d, domain) in instrument.domains_in_mode(mode).enumerate() {
        let slot = d.min(FIRST.len() - 1);
        let truth = FIRST[slot] + if round == 1 { CHANGE[slot] } else { 0.0 };
        let view = truth + PARTNERS[partner].2[slot] + role_shift + person;
        let mut sum = 0.0;
        let mut count = 0.0;
        for statement in instrument.statements_in(mode, &domain.id) {
            let roll = rng.rand_float();
            // Front-line staff and service users often cannot judge formal agreements.
            let unsure = if domain.id == "agreements" && role_shift < 0.0 {
                0.25
            } else {
                0.05
            };
            let answer = if roll < unsure {
                Answer::DontKnow
            } else if roll < unsure + 0.015 {
                Answer::NotApplicable
            } else {
                let v = (view + normal(rng, 0.7)).round().clamp(1.0, max);
                sum += v;
                count += 1.0;
                Answer::Scale(v as u8)
            };
            answers.insert(statement.id.clone(), answer);
            if rng.rand_float() < 0.012 {
                let text = COMMENTS[rng.rand_range(0..COMMENTS.len() as u64) as usize];
                comments.insert(statement.id.clone(), text.to_string());
            }
        }
        if levels_asked && count > 0.0 && rng.rand_float() > 0.08 {
            let level = (sum / count + normal(rng, 0.5) - 0.4).round().clamp(1.0, 5.0);
            levels.insert(domain.id.clone(), level as u8);
        }
    }
    let time = Timestamp(now.0 + (round * PER_ROUND + k) as i64);
    Response {
        id: format!("{round_id}-{:02}", k + 1),
        round_id: round_id.to_string(),
        organisation: format!("p{}", partner + 1),
        role,
        answers,
        levels,
        comments,
        ties: BTreeMap::new(),
        started: time,
        updated: time,
        submitted: Some(time),
    }
}

/// One person's ties with the other partners: around their organisation's view in
/// [`TIES`], with one in ten ratings left unanswered.
fn ties(rng: &mut Rand64, organisation: &str) -> BTreeMap<String, Tie> {
    let from = (1..=TIES.len()).position(|k| format!("p{k}") == organisation);
    let Some(from) = from else {
        return BTreeMap::new();
    };
    let person = normal(rng, 0.3);
    let mut rate = |view: f64| {
        let value = (view + person + normal(rng, 0.5))
            .round()
            .clamp(1.0, f64::from(TIE_STEPS));
        (rng.rand_float() >= 0.1).then_some(value as u8)
    };
    let mut out = BTreeMap::new();
    for (to, (now, wanted)) in TIES[from].iter().enumerate().filter(|(to, _)| *to != from) {
        let tie = Tie {
            now: rate(*now),
            wanted: rate(*wanted),
        };
        if !tie.is_empty() {
            out.insert(format!("p{}", to + 1), tie);
        }
    }
    out
}

/// What a facilitator records after each round: targets, agreed levels, the plan.
fn facilitate(
    workspace: &mut Workspace,
    instrument: &Instrument,
    round_id: &str,
    round: usize,
    now: Timestamp,
) -> Result<(), InputError> {
    let ok = |r: Result<(), crate::plan::PlanError>| match r {
        Ok(()) | Err(crate::plan::PlanError::AlreadyAdopted) => Ok(()),
        Err(crate::plan::PlanError::Input(e)) => Err(e),
        Err(_) => Ok(()),
    };
    let domains: Vec<String> = instrument.domains().iter().map(|d| d.id.clone()).collect();
    for domain in domains.iter().filter(|d| instrument.is_functioning(d)) {
        workspace.set_target(instrument, round_id, domain, Some(3))?;
    }
    if let Some(trust) = domains.iter().find(|d| *d == "trust") {
        workspace.set_target(instrument, round_id, trust, Some(4))?;
        workspace.set_consensus(
            instrument,
            round_id,
            trust,
            Some(if round == 0 { 2 } else { 3 }),
            "Partners agreed that relationships between senior staff are good but have not yet reached teams.",
            "Workshop discussion; staff survey comments.",
            now,
        )?;
    }
    let wanted = ["trust.spaces-to-talk", "trust.who-is-who", "progress.quick-wins"];
    if round == 0 {
        for (k, action) in wanted.iter().enumerate() {
            ok(workspace.adopt_action(
                instrument,
                round_id,
                action,
                format!("{round_id}-a{}", k + 1),
                now,
            ))?;
        }
        if let Some(first) = instrument.actions().first() {
            ok(workspace.adopt_action(instrument, round_id, &first.id, format!("{round_id}-a9"), now))?;
        }
        let ids: Vec<String> = plan_ids(workspace, round_id);
        if let Some(first) = ids.first() {
            ok(workspace.set_plan_status(round_id, first, ActionStatus::InProgress, now))?;
        }
        workspace.set_status(round_id, RoundStatus::Closed)?;
    } else {
        // Review what was carried forward: one done, one still in progress, one dropped.
        let ids = plan_ids(workspace, round_id);
        let verdicts = [
            ActionStatus::Done,
            ActionStatus::InProgress,
            ActionStatus::Dropped,
        ];
        for (item, status) in ids.iter().zip(verdicts) {
            ok(workspace.set_plan_status(round_id, item, status, now))?;
        }
    }
    Ok(())
}

fn plan_ids(workspace: &Workspace, round_id: &str) -> Vec<String> {
    workspace
        .round(round_id)
        .map(|(_, r)| r.plan.iter().map(|i| i.id.clone()).collect())
        .unwrap_or_default()
}
