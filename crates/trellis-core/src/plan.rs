//! The action plan of a round: adopting suggested actions, the group's own actions,
//! their owner, due date, status and success measure, and carrying open actions forward
//! to the next round for review.
//!
//! Like every workspace operation, each function here checks its input first and
//! changes nothing when it returns an error.

use crate::format::{ActionStatus, PlanItem, Round, Timestamp, Workspace};
use crate::instrument::Instrument;
use crate::workspace::{is_iso_date, InputError, MAX_NAME, MAX_NOTE};

/// Longest action title accepted.
pub const MAX_TITLE: usize = 300;

/// What the facilitator types for one action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanFields {
    pub title: String,
    pub owner: String,
    /// `YYYY-MM-DD` or empty.
    pub due: String,
    pub measure: String,
    pub status: ActionStatus,
}

/// A problem with an action, shown beside its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    Input(InputError),
    TitleMissing,
    TitleTooLong,
    OwnerTooLong,
    BadDue(String),
    MeasureTooLong,
    AlreadyAdopted,
    UnknownAction(String),
    UnknownItem,
}

impl From<InputError> for PlanError {
    fn from(e: InputError) -> Self {
        PlanError::Input(e)
    }
}

impl PlanFields {
    /// Checks the fields and returns them trimmed.
    pub fn checked(&self) -> Result<PlanFields, PlanError> {
        let title = self.title.trim();
        if title.is_empty() {
            return Err(PlanError::TitleMissing);
        }
        if title.chars().count() > MAX_TITLE {
            return Err(PlanError::TitleTooLong);
        }
        let owner = self.owner.trim();
        if owner.chars().count() > MAX_NAME {
            return Err(PlanError::OwnerTooLong);
        }
        let due = self.due.trim();
        if !due.is_empty() && !is_iso_date(due) {
            return Err(PlanError::BadDue(due.to_string()));
        }
        if self.measure.chars().count() > MAX_NOTE {
            return Err(PlanError::MeasureTooLong);
        }
        Ok(PlanFields {
            title: title.to_string(),
            owner: owner.to_string(),
            due: due.to_string(),
            measure: self.measure.trim().to_string(),
            status: self.status,
        })
    }
}

/// The open actions of `previous`, copied for a new round `round_id`: same content,
/// new ids, marked as carried and not yet reviewed.
pub fn carry_forward(previous: &Round, round_id: &str, now: Timestamp) -> Vec<PlanItem> {
    previous
        .plan
        .iter()
        .filter(|item| item.status.is_open())
        .enumerate()
        .map(|(k, item)| PlanItem {
            id: format!("{round_id}-c{}", k + 1),
            carried_from: Some(previous.id.clone()),
            reviewed: None,
            updated: now,
            ..item.clone()
        })
        .collect()
}

/// Counts of a plan's actions by status, in [`ActionStatus::ALL`] order.
pub fn status_counts(plan: &[PlanItem]) -> [usize; 4] {
    let mut counts = [0; 4];
    for item in plan {
        if let Some(k) = ActionStatus::ALL.iter().position(|s| *s == item.status) {
            counts[k] += 1;
        }
    }
    counts
}

impl Workspace {
    fn plan_mut(&mut self, round_id: &str) -> Result<&mut Vec<PlanItem>, PlanError> {
        self.collaborations
            .iter_mut()
            .flat_map(|c| c.rounds.iter_mut())
            .find(|r| r.id == round_id)
            .map(|r| &mut r.plan)
            .ok_or(PlanError::Input(InputError::UnknownRound))
    }

    fn item_mut(&mut self, round_id: &str, item_id: &str) -> Result<&mut PlanItem, PlanError> {
        self.plan_mut(round_id)?
            .iter_mut()
            .find(|i| i.id == item_id)
            .ok_or(PlanError::UnknownItem)
    }

    /// Puts one of the instrument's suggested actions on a round's plan, as planned.
    pub fn adopt_action(
        &mut self,
        instrument: &Instrument,
        round_id: &str,
        action_id: &str,
        id: String,
        now: Timestamp,
    ) -> Result<(), PlanError> {
        let action = instrument
            .actions()
            .iter()
            .find(|a| a.id == action_id)
            .ok_or_else(|| PlanError::UnknownAction(action_id.to_string()))?;
        let plan = self.plan_mut(round_id)?;
        if plan.iter().any(|i| i.action.as_deref() == Some(action_id)) {
            return Err(PlanError::AlreadyAdopted);
        }
        plan.push(PlanItem {
            id,
            domain: action.domain.clone(),
            action: Some(action.id.clone()),
            title: action.title.clone(),
            owner: String::new(),
            due: String::new(),
            status: ActionStatus::Planned,
            measure: action.signs.clone(),
            carried_from: None,
            reviewed: None,
            created: now,
            updated: now,
        });
        Ok(())
    }

    /// Adds the group's own action for a domain.
    pub fn add_plan_item(
        &mut self,
        instrument: &Instrument,
        round_id: &str,
        domain: &str,
        fields: &PlanFields,
        id: String,
        now: Timestamp,
    ) -> Result<(), PlanError> {
        if instrument.domain(domain).is_none() {
            return Err(InputError::UnknownDomain(domain.to_string()).into());
        }
        let fields = fields.checked()?;
        let plan = self.plan_mut(round_id)?;
        plan.push(PlanItem {
            id,
            domain: domain.to_string(),
            action: None,
            title: fields.title,
            owner: fields.owner,
            due: fields.due,
            status: fields.status,
            measure: fields.measure,
            carried_from: None,
            reviewed: None,
            created: now,
            updated: now,
        });
        Ok(())
    }

    /// Changes an action's text, owner, due date, measure and status. Editing a carried
    /// action counts as reviewing it.
    pub fn update_plan_item(
        &mut self,
        round_id: &str,
        item_id: &str,
        fields: &PlanFields,
        now: Timestamp,
    ) -> Result<(), PlanError> {
        let fields = fields.checked()?;
        let item = self.item_mut(round_id, item_id)?;
        item.title = fields.title;
        item.owner = fields.owner;
        item.due = fields.due;
        item.measure = fields.measure;
        item.status = fields.status;
        item.updated = now;
        if item.carried_from.is_some() {
            item.reviewed = Some(now);
        }
        Ok(())
    }

    /// Sets an action's status; for a carried action this records its review.
    pub fn set_plan_status(
        &mut self,
        round_id: &str,
        item_id: &str,
        status: ActionStatus,
        now: Timestamp,
    ) -> Result<(), PlanError> {
        let item = self.item_mut(round_id, item_id)?;
        item.status = status;
        item.updated = now;
        if item.carried_from.is_some() {
            item.reviewed = Some(now);
        }
        Ok(())
    }

    /// Takes an action off a round's plan.
    pub fn remove_plan_item(&mut self, round_id: &str, item_id: &str) -> Result<PlanItem, PlanError> {
        let plan = self.plan_mut(round_id)?;
        let at = plan
            .iter()
            .position(|i| i.id == item_id)
            .ok_or(PlanError::UnknownItem)?;
        Ok(plan.remove(at))
    }
}
