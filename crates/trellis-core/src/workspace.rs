//! Operations on a workspace: load, validate input, create, answer, submit.
//!
//! Every function here is pure: ids and timestamps are passed in by the caller, and a
//! failed operation returns an error without changing the workspace.

use std::collections::BTreeMap;

use crate::format::transfer::InvitationFile;
use crate::format::{
    Answer, Collaboration, Consensus, ContextAnswer, ContextKind, Invited, Partner, Response, RoleCategory,
    Round, RoundStatus, Tie, Timestamp, Workspace, TIE_STEPS, WORKSPACE_SCHEMA,
};
use crate::instrument::Instrument;

/// Longest name accepted for a collaboration, partner or round.
pub const MAX_NAME: usize = 120;
/// Longest consensus rationale or evidence note accepted.
pub const MAX_NOTE: usize = 4000;
/// Longest comment accepted on one statement.
pub const MAX_COMMENT: usize = 2000;
/// Largest number accepted for a numeric context question (for example partner count).
pub const MAX_CONTEXT_NUMBER: u32 = 10_000;

/// Why stored or imported workspace text could not be read. Data only, as every core
/// error: the app words it (`src/messages.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Not JSON, or JSON of the wrong shape (serde's message includes line and column).
    Damaged(String),
    /// Written by a newer version of Trellis; must be left untouched.
    NewerSchema(u32),
    /// Written by an earlier version (storage version 1 to 4): readable, but only by
    /// [`Workspace::from_json`], which migrates it; [`Workspace::from_current_json`]
    /// leaves it to that.
    OlderSchema(u32),
    /// No schema number at all: not a Trellis workspace.
    NoSchema,
}

/// A problem with what the user typed; each variant is shown next to its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    NameMissing,
    NameTooLong,
    TooFewPartners,
    PartnerTooLong(String),
    DuplicatePartner(String),
    BadDate(String),
    UnknownMode(String),
    UnknownCollaboration,
    UnknownRound,
    UnknownResponse,
    UnknownOrganisation,
    RoundClosed,
    AlreadySubmitted,
    UnknownStatement(String),
    AnswerOutOfScale(u8),
    UnknownDomain(String),
    LevelOutOfRange(u8),
    CommentTooLong,
    NoteTooLong,
    BadContact,
    UnknownContextQuestion(String),
    ContextAnswerKind(String),
    UnknownContextOption {
        question: String,
        option: String,
    },
    ContextNumberOutOfRange(u32),
    /// A tie was given for a round that has no partner map.
    NoPartnerMap,
    /// A tie with a partner id the collaboration does not have.
    UnknownTiePartner(String),
    /// A tie with the respondent's own organisation (only other partners are rated).
    TieWithOwnOrganisation(String),
    /// A tie rating outside 1 to [`TIE_STEPS`].
    TieOutOfRange(u8),
}

/// One context answer that differs between two rounds (or a round and the
/// collaboration's current answers): `None` where the question was not answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextChange {
    pub question: String,
    pub before: Option<ContextAnswer>,
    pub after: Option<ContextAnswer>,
}

/// The context answers that differ between `before` and `after`, in the instrument's
/// order of questions (answers to questions it does not ask come last, by id), so a
/// facilitator comparing rounds can see which answers their results were read under.
pub fn context_changes(
    instrument: &Instrument,
    before: &BTreeMap<String, ContextAnswer>,
    after: &BTreeMap<String, ContextAnswer>,
) -> Vec<ContextChange> {
    let asked = instrument.context().iter().map(|q| q.id.as_str());
    let others = before
        .keys()
        .chain(after.keys())
        .map(String::as_str)
        .filter(|id| !instrument.context().iter().any(|q| q.id == *id))
        .collect::<std::collections::BTreeSet<_>>();
    asked
        .chain(others)
        .filter(|id| before.get(*id) != after.get(*id))
        .map(|id| ContextChange {
            question: id.to_string(),
            before: before.get(id).cloned(),
            after: after.get(id).cloned(),
        })
        .collect()
}

/// What the facilitator enters to set up a collaboration and its first round.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewCollaboration {
    pub name: String,
    /// Partner names as typed, one per entry; blank entries are ignored.
    pub partners: Vec<String>,
}

/// What the facilitator enters to set up a round.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewRound {
    pub name: String,
    pub date: String,
    pub mode: String,
    /// Whether respondents also rate their ties with the other partners.
    pub partner_map: bool,
}

/// Checks a calendar date written `YYYY-MM-DD`.
pub fn is_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| text.get(r).and_then(|s| s.parse::<u32>().ok());
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    if !text
        .bytes()
        .enumerate()
        .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return false;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Checks that `partner` is a partner of the collaboration other than `organisation`, the
/// respondent's own: the partners a tie can be with.
fn check_tie_partner(
    collaboration: &Collaboration,
    organisation: &str,
    partner: &str,
) -> Result<(), InputError> {
    if partner == organisation {
        Err(InputError::TieWithOwnOrganisation(partner.to_string()))
    } else if !collaboration.partners.iter().any(|p| p.id == partner) {
        Err(InputError::UnknownTiePartner(partner.to_string()))
    } else {
        Ok(())
    }
}

/// Checks that a domain exists and that a level (if any) is one of the instrument's.
fn check_level(instrument: &Instrument, domain: &str, level: Option<u8>) -> Result<(), InputError> {
    if instrument.domain(domain).is_none() {
        return Err(InputError::UnknownDomain(domain.to_string()));
    }
    match level {
        Some(l) if l == 0 || usize::from(l) > instrument.levels().len() => {
            Err(InputError::LevelOutOfRange(l))
        }
        _ => Ok(()),
    }
}

fn clean_name(name: &str) -> Result<String, InputError> {
    let name = name.trim();
    if name.is_empty() {
        Err(InputError::NameMissing)
    } else if name.chars().count() > MAX_NAME {
        Err(InputError::NameTooLong)
    } else {
        Ok(name.to_string())
    }
}

impl NewRound {
    /// Checks the round's fields against the instrument it will use.
    pub fn check(&self, instrument: &Instrument) -> Result<(), InputError> {
        self.problems(instrument).into_iter().next().map_or(Ok(()), Err)
    }

    /// Every problem with the round's fields, in the order of the form (name, date, mode),
    /// so a form can list them all at once.
    pub fn problems(&self, instrument: &Instrument) -> Vec<InputError> {
        let mut problems = Vec::new();
        if let Err(e) = clean_name(&self.name) {
            problems.push(e);
        }
        let date = self.date.trim();
        if !is_iso_date(date) {
            problems.push(InputError::BadDate(date.to_string()));
        }
        if instrument.mode(&self.mode).is_none() {
            problems.push(InputError::UnknownMode(self.mode.clone()));
        }
        problems
    }
}

impl NewCollaboration {
    /// Validates the input into a collaboration; partner ids are `p1`, `p2`, ... in order.
    /// The error is the first of [`NewCollaboration::problems`].
    pub fn validate(&self, id: String, now: Timestamp) -> Result<Collaboration, InputError> {
        if let Some(first) = self.problems().into_iter().next() {
            return Err(first);
        }
        let name = clean_name(&self.name)?;
        let partners = self
            .partner_names()
            .enumerate()
            .map(|(k, name)| Partner {
                id: format!("p{}", k + 1),
                name: name.to_string(),
            })
            .collect();
        Ok(Collaboration {
            id,
            name,
            partners,
            context: Default::default(),
            rounds: Vec::new(),
            created: now,
            contact: None,
            invited: None,
            example: false,
        })
    }

    /// The partner names entered, trimmed, without blank entries.
    fn partner_names(&self) -> impl Iterator<Item = &str> {
        self.partners.iter().map(|p| p.trim()).filter(|p| !p.is_empty())
    }

    /// Every problem with the name and partners, in the order of the form: the name's,
    /// then each partner name that is too long or listed again (once each), then too few
    /// partners.
    pub fn problems(&self) -> Vec<InputError> {
        let mut problems = Vec::new();
        if let Err(e) = clean_name(&self.name) {
            problems.push(e);
        }
        let mut seen: Vec<String> = Vec::new();
        let mut distinct = 0;
        for raw in self.partner_names() {
            let problem = if raw.chars().count() > MAX_NAME {
                Some(InputError::PartnerTooLong(raw.to_string()))
            } else if seen.contains(&raw.to_lowercase()) {
                Some(InputError::DuplicatePartner(raw.to_string()))
            } else {
                distinct += 1;
                None
            };
            seen.push(raw.to_lowercase());
            if let Some(p) = problem.filter(|p| !problems.contains(p)) {
                problems.push(p);
            }
        }
        if distinct < 2 {
            problems.push(InputError::TooFewPartners);
        }
        problems
    }
}

impl Workspace {
    /// Reads stored or imported workspace text of any storage version, migrating older
    /// ones (schemas 1 and 2 differ in fields that default to empty and in how responses
    /// are listed; before schema 4 rounds had no context of their own, so each takes its
    /// collaboration's; before schema 5 there was no partner map).
    pub fn from_json(text: &str) -> Result<Workspace, LoadError> {
        match Workspace::from_current_json(text) {
            Err(LoadError::OlderSchema(schema)) => {
                crate::format::legacy::read_older(schema, text).map_err(|e| LoadError::Damaged(e.to_string()))
            }
            other => other,
        }
    }

    /// Reads workspace text of this storage version only: older versions are
    /// [`LoadError::OlderSchema`], left for [`Workspace::from_json`] to migrate. Pages
    /// that never migrate use this, so their bundles do not carry the old reader.
    pub fn from_current_json(text: &str) -> Result<Workspace, LoadError> {
        match Workspace::stored_schema(text)? {
            None => Err(LoadError::NoSchema),
            Some(v) if v > u64::from(WORKSPACE_SCHEMA) => {
                Err(LoadError::NewerSchema(u32::try_from(v).unwrap_or(u32::MAX)))
            }
            Some(v) if v < u64::from(WORKSPACE_SCHEMA) => {
                Err(LoadError::OlderSchema(u32::try_from(v).unwrap_or(0)))
            }
            Some(_) => serde_json::from_str(text).map_err(|e| LoadError::Damaged(e.to_string())),
        }
    }

    /// The storage version of workspace text, read without reading the rest (other
    /// fields are skipped unparsed), so a newer version's data is recognised even when
    /// today's types cannot read it.
    pub fn stored_schema(text: &str) -> Result<Option<u64>, LoadError> {
        #[derive(serde::Deserialize)]
        struct Probe {
            #[serde(default)]
            schema: Option<u64>,
        }
        serde_json::from_str::<Probe>(text)
            .map(|p| p.schema)
            .map_err(|e| LoadError::Damaged(e.to_string()))
    }

    /// The text kept in storage.
    pub fn to_json(&self) -> String {
        // Serialising these plain structs cannot fail: every map key is a string.
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn collaboration(&self, id: &str) -> Option<&Collaboration> {
        self.collaborations.iter().find(|c| c.id == id)
    }

    /// Finds a round and the collaboration it belongs to.
    pub fn round(&self, id: &str) -> Option<(&Collaboration, &Round)> {
        self.collaborations
            .iter()
            .find_map(|c| c.rounds.iter().find(|r| r.id == id).map(|r| (c, r)))
    }

    pub fn response(&self, id: &str) -> Option<&Response> {
        self.responses.iter().find(|r| r.id == id)
    }

    pub fn responses_for<'a>(&'a self, round_id: &'a str) -> impl Iterator<Item = &'a Response> + 'a {
        self.responses.iter().filter(move |r| r.round_id == round_id)
    }

    /// Whether this browser has only been used to answer: it holds at least one
    /// collaboration, and every one arrived through an invitation link (`invited`, set by
    /// [`Workspace::accept_invitation`]). Nothing here was set up, restored from a
    /// facilitator's file or loaded as the example, each of which adds a collaboration
    /// without that mark. Derived from what is stored rather than stored itself, so it
    /// changes by itself as soon as someone sets up a collaboration on this device.
    pub fn only_answered(&self) -> bool {
        !self.collaborations.is_empty() && self.collaborations.iter().all(|c| c.invited.is_some())
    }

    pub fn add_collaboration(&mut self, collaboration: Collaboration) {
        self.collaborations.push(collaboration);
    }

    /// Adds a round to a collaboration, fixed to the given instrument's current version.
    ///
    /// Actions still open (planned or in progress) on the collaboration's latest round are
    /// carried forward onto the new round's plan, marked for review.
    pub fn add_round(
        &mut self,
        collaboration_id: &str,
        input: &NewRound,
        instrument: &Instrument,
        id: String,
        now: Timestamp,
    ) -> Result<&Round, InputError> {
        input.check(instrument)?;
        let collaboration = self
            .collaborations
            .iter_mut()
            .find(|c| c.id == collaboration_id)
            .ok_or(InputError::UnknownCollaboration)?;
        let date = input.date.trim().to_string();
        // The round before this one carries forward its open actions and its targets
        // (set "for the next round"), which this round then reports as met or not.
        let previous = collaboration
            .rounds
            .iter()
            .filter(|r| r.date <= date)
            .max_by(|a, b| (&a.date, a.created).cmp(&(&b.date, b.created)));
        let plan = previous
            .map(|previous| crate::plan::carry_forward(previous, &id, now))
            .unwrap_or_default();
        let targets = previous.map(|p| p.targets.clone()).unwrap_or_default();
        collaboration.rounds.push(Round {
            id,
            name: input.name.trim().to_string(),
            date,
            instrument_id: instrument.id().to_string(),
            instrument_version: instrument.version().to_string(),
            mode: input.mode.clone(),
            partner_map: input.partner_map,
            status: RoundStatus::Open,
            targets,
            // The collaboration's current answers: the default for a new round.
            context: collaboration.context.clone(),
            consensus: Default::default(),
            plan,
            created: now,
        });
        Ok(&collaboration.rounds[collaboration.rounds.len() - 1])
    }

    /// Starts a response to an open round on this device.
    pub fn start_response(
        &mut self,
        round_id: &str,
        organisation: &str,
        role: RoleCategory,
        id: String,
        now: Timestamp,
    ) -> Result<&Response, InputError> {
        let (collaboration, round) = self.round(round_id).ok_or(InputError::UnknownRound)?;
        if round.status == RoundStatus::Closed {
            return Err(InputError::RoundClosed);
        }
        if !collaboration.partners.iter().any(|p| p.id == organisation) {
            return Err(InputError::UnknownOrganisation);
        }
        self.responses.push(Response {
            id,
            round_id: round_id.to_string(),
            organisation: organisation.to_string(),
            role,
            answers: Default::default(),
            levels: Default::default(),
            comments: Default::default(),
            ties: Default::default(),
            started: now,
            updated: now,
            submitted: None,
        });
        Ok(&self.responses[self.responses.len() - 1])
    }

    fn editable_response(&mut self, response_id: &str) -> Result<&mut Response, InputError> {
        let round_id = self
            .response(response_id)
            .ok_or(InputError::UnknownResponse)?
            .round_id
            .clone();
        if let Some((_, round)) = self.round(&round_id) {
            if round.status == RoundStatus::Closed {
                return Err(InputError::RoundClosed);
            }
        }
        let response = self
            .responses
            .iter_mut()
            .find(|r| r.id == response_id)
            .ok_or(InputError::UnknownResponse)?;
        if response.submitted.is_some() {
            return Err(InputError::AlreadySubmitted);
        }
        Ok(response)
    }

    /// Records (or with `None`, clears) the answer to one statement.
    pub fn set_answer(
        &mut self,
        instrument: &Instrument,
        response_id: &str,
        statement: &str,
        answer: Option<Answer>,
        now: Timestamp,
    ) -> Result<(), InputError> {
        if !instrument.statements().iter().any(|s| s.id == statement) {
            return Err(InputError::UnknownStatement(statement.to_string()));
        }
        if let Some(Answer::Scale(v)) = answer {
            if v == 0 || v > instrument.scale_max() {
                return Err(InputError::AnswerOutOfScale(v));
            }
        }
        let response = self.editable_response(response_id)?;
        match answer {
            Some(a) => response.answers.insert(statement.to_string(), a),
            None => response.answers.remove(statement),
        };
        response.updated = now;
        Ok(())
    }

    /// Records (or with `None`, clears) the maturity level chosen for a domain.
    pub fn set_level(
        &mut self,
        instrument: &Instrument,
        response_id: &str,
        domain: &str,
        level: Option<u8>,
        now: Timestamp,
    ) -> Result<(), InputError> {
        check_level(instrument, domain, level)?;
        let response = self.editable_response(response_id)?;
        match level {
            Some(l) => response.levels.insert(domain.to_string(), l),
            None => response.levels.remove(domain),
        };
        response.updated = now;
        Ok(())
    }

    /// Records a comment on a statement; an empty comment removes it.
    pub fn set_comment(
        &mut self,
        instrument: &Instrument,
        response_id: &str,
        statement: &str,
        comment: &str,
        now: Timestamp,
    ) -> Result<(), InputError> {
        if !instrument.statements().iter().any(|s| s.id == statement) {
            return Err(InputError::UnknownStatement(statement.to_string()));
        }
        if comment.chars().count() > MAX_COMMENT {
            return Err(InputError::CommentTooLong);
        }
        let response = self.editable_response(response_id)?;
        if comment.trim().is_empty() {
            response.comments.remove(statement);
        } else {
            response
                .comments
                .insert(statement.to_string(), comment.to_string());
        }
        response.updated = now;
        Ok(())
    }

    /// Records how the respondent's organisation works with another partner, now and as
    /// it should (each 1 to [`TIE_STEPS`], or `None` to leave it unanswered); a tie with
    /// neither removes it. Refused when the round has no partner map, or when the partner
    /// is not one of the collaboration's or is the respondent's own organisation.
    pub fn set_tie(
        &mut self,
        response_id: &str,
        partner: &str,
        tie: Tie,
        now: Timestamp,
    ) -> Result<(), InputError> {
        let response = self.response(response_id).ok_or(InputError::UnknownResponse)?;
        let (collaboration, round) = self
            .round(&response.round_id)
            .ok_or(InputError::UnknownResponse)?;
        if !round.partner_map {
            return Err(InputError::NoPartnerMap);
        }
        check_tie_partner(collaboration, &response.organisation, partner)?;
        if let Some(v) = [tie.now, tie.wanted]
            .into_iter()
            .flatten()
            .find(|v| !(1..=TIE_STEPS).contains(v))
        {
            return Err(InputError::TieOutOfRange(v));
        }
        let response = self.editable_response(response_id)?;
        if tie.is_empty() {
            response.ties.remove(partner);
        } else {
            response.ties.insert(partner.to_string(), tie);
        }
        response.updated = now;
        Ok(())
    }

    /// Turns a round's partner map on or off. Ties already given are kept either way:
    /// a round without the map simply does not ask for them or analyse them.
    pub fn set_partner_map(&mut self, round_id: &str, on: bool) -> Result<(), InputError> {
        self.round_mut(round_id)?.partner_map = on;
        Ok(())
    }

    /// Records (or with `None`, clears) the answer to one context question of a
    /// collaboration, checked against the instrument's question and its options.
    ///
    /// The answer becomes the collaboration's current one (what rounds added later start
    /// from) and is made to every open round of the collaboration too. A closed round
    /// keeps the context it was read under; to correct it, reopen it first.
    pub fn set_context(
        &mut self,
        instrument: &Instrument,
        collaboration_id: &str,
        question: &str,
        answer: Option<ContextAnswer>,
    ) -> Result<(), InputError> {
        let q = instrument
            .context()
            .iter()
            .find(|q| q.id == question)
            .ok_or_else(|| InputError::UnknownContextQuestion(question.to_string()))?;
        let known = |option: &String| -> Result<(), InputError> {
            if q.options.iter().any(|o| &o.id == option) {
                Ok(())
            } else {
                Err(InputError::UnknownContextOption {
                    question: q.id.clone(),
                    option: option.clone(),
                })
            }
        };
        let answer = match (q.kind, answer) {
            (_, None) => None,
            (ContextKind::Number, Some(ContextAnswer::Number(n))) if n <= MAX_CONTEXT_NUMBER => {
                Some(ContextAnswer::Number(n))
            }
            (ContextKind::Number, Some(ContextAnswer::Number(n))) => {
                return Err(InputError::ContextNumberOutOfRange(n))
            }
            (ContextKind::Single, Some(ContextAnswer::One(o))) => {
                known(&o)?;
                Some(ContextAnswer::One(o))
            }
            (ContextKind::Multi, Some(ContextAnswer::Many(list))) => {
                list.iter().try_for_each(known)?;
                // Keep the instrument's order and no duplicates, whatever order they came in.
                let ordered: Vec<String> = q
                    .options
                    .iter()
                    .filter(|o| list.contains(&o.id))
                    .map(|o| o.id.clone())
                    .collect();
                (!ordered.is_empty()).then_some(ContextAnswer::Many(ordered))
            }
            _ => return Err(InputError::ContextAnswerKind(q.id.clone())),
        };
        let collaboration = self
            .collaborations
            .iter_mut()
            .find(|c| c.id == collaboration_id)
            .ok_or(InputError::UnknownCollaboration)?;
        let open = collaboration
            .rounds
            .iter_mut()
            .filter(|r| r.status == RoundStatus::Open)
            .map(|r| &mut r.context);
        for context in std::iter::once(&mut collaboration.context).chain(open) {
            match &answer {
                Some(a) => context.insert(q.id.clone(), a.clone()),
                None => context.remove(&q.id),
            };
        }
        Ok(())
    }

    /// Makes a copy of an invited round on a respondent's device so the person can answer.
    /// Opening the same invitation again changes nothing; so does opening it on the
    /// facilitator's own device, which already holds the round.
    pub fn accept_invitation(
        &mut self,
        invitation: &InvitationFile,
        instrument: &Instrument,
        now: Timestamp,
    ) -> Result<(), InputError> {
        if self.round(&invitation.round_id).is_some() {
            return Ok(());
        }
        if instrument.id() != invitation.instrument
            || instrument.version().to_string() != invitation.version
            || instrument.mode(&invitation.mode).is_none()
        {
            return Err(InputError::UnknownMode(invitation.mode.clone()));
        }
        let round = Round {
            id: invitation.round_id.clone(),
            name: invitation.round_name.clone(),
            date: invitation.date.clone(),
            instrument_id: invitation.instrument.clone(),
            instrument_version: invitation.version.clone(),
            mode: invitation.mode.clone(),
            partner_map: invitation.partner_map,
            status: RoundStatus::Open,
            targets: Default::default(),
            // A respondent's device is never told the context; it does not analyse.
            context: Default::default(),
            consensus: Default::default(),
            plan: Vec::new(),
            created: now,
        };
        match self
            .collaborations
            .iter_mut()
            .find(|c| c.id == invitation.collaboration_id)
        {
            Some(c) => c.rounds.push(round),
            None => self.collaborations.push(Collaboration {
                id: invitation.collaboration_id.clone(),
                name: invitation.collaboration.clone(),
                partners: invitation.partners.clone(),
                context: Default::default(),
                rounds: vec![round],
                created: now,
                contact: None,
                invited: Some(Invited {
                    contact: invitation.contact.clone(),
                }),
                example: false,
            }),
        }
        Ok(())
    }

    /// Sets (or with an empty text, clears) the facilitator's contact for a collaboration.
    pub fn set_contact(&mut self, collaboration_id: &str, contact: &str) -> Result<(), InputError> {
        let contact = contact.trim();
        if contact.chars().count() > MAX_NAME * 2 || contact.chars().any(char::is_control) {
            return Err(InputError::BadContact);
        }
        let collaboration = self
            .collaborations
            .iter_mut()
            .find(|c| c.id == collaboration_id)
            .ok_or(InputError::UnknownCollaboration)?;
        collaboration.contact = (!contact.is_empty()).then(|| contact.to_string());
        Ok(())
    }

    /// Records (or, when level and both notes are empty, removes) the group's agreed view
    /// of one domain in a round. Consensus can be recorded after a round is closed.
    #[allow(clippy::too_many_arguments)]
    pub fn set_consensus(
        &mut self,
        instrument: &Instrument,
        round_id: &str,
        domain: &str,
        level: Option<u8>,
        rationale: &str,
        evidence: &str,
        now: Timestamp,
    ) -> Result<(), InputError> {
        check_level(instrument, domain, level)?;
        if rationale.chars().count() > MAX_NOTE || evidence.chars().count() > MAX_NOTE {
            return Err(InputError::NoteTooLong);
        }
        let round = self
            .collaborations
            .iter_mut()
            .flat_map(|c| c.rounds.iter_mut())
            .find(|r| r.id == round_id)
            .ok_or(InputError::UnknownRound)?;
        if level.is_none() && rationale.trim().is_empty() && evidence.trim().is_empty() {
            round.consensus.remove(domain);
        } else {
            round.consensus.insert(
                domain.to_string(),
                Consensus {
                    level,
                    rationale: rationale.to_string(),
                    evidence: evidence.to_string(),
                    recorded: now,
                },
            );
        }
        Ok(())
    }

    /// Sets (or with `None`, clears) the target level for a domain in a round.
    pub fn set_target(
        &mut self,
        instrument: &Instrument,
        round_id: &str,
        domain: &str,
        level: Option<u8>,
    ) -> Result<(), InputError> {
        check_level(instrument, domain, level)?;
        let round = self.round_mut(round_id)?;
        match level {
            Some(l) => round.targets.insert(domain.to_string(), l),
            None => round.targets.remove(domain),
        };
        Ok(())
    }

    /// Opens or closes a round. A closed round takes no new answers on this device;
    /// answers sent in later can still be imported.
    pub fn set_status(&mut self, round_id: &str, status: RoundStatus) -> Result<(), InputError> {
        self.round_mut(round_id)?.status = status;
        Ok(())
    }

    fn round_mut(&mut self, round_id: &str) -> Result<&mut Round, InputError> {
        self.collaborations
            .iter_mut()
            .flat_map(|c| c.rounds.iter_mut())
            .find(|r| r.id == round_id)
            .ok_or(InputError::UnknownRound)
    }

    /// The round of the same collaboration before this one (by date, then creation).
    pub fn previous_round(&self, round_id: &str) -> Option<&Round> {
        let (collaboration, round) = self.round(round_id)?;
        let key = |r: &Round| (r.date.clone(), r.created);
        collaboration
            .rounds
            .iter()
            .filter(|r| key(r) < key(round))
            .max_by_key(|r| key(r))
    }

    /// Marks a response as finished; it can no longer change.
    pub fn submit(&mut self, response_id: &str, now: Timestamp) -> Result<(), InputError> {
        let response = self.editable_response(response_id)?;
        response.submitted = Some(now);
        response.updated = now;
        Ok(())
    }
}
