//! Where the respondent is in the questionnaire and how much is answered.

use yew::prelude::*;

use crate::messages as msg;

#[derive(Properties, PartialEq)]
pub struct ProgressProps {
    /// The current page, counting from 1.
    pub step: usize,
    pub steps: usize,
    pub answered: usize,
    pub statements: usize,
    /// Estimated minutes left, if known.
    pub minutes_left: Option<u32>,
    /// Whether the step before the review asks about the other partners (the partner map).
    #[prop_or_default]
    pub partner_step: bool,
}

#[component]
pub fn Progress(props: &ProgressProps) -> Html {
    html! {
        <div class="progress" data-testid="progress">
            <p class="progress-step" data-testid="progress-step">{ if props.partner_step { msg::step_of_with_partners(props.step, props.steps) } else { msg::step_of(props.step, props.steps) } }</p>
            <progress
                max={props.statements.to_string()}
                value={props.answered.to_string()}
                aria-label={msg::PROGRESS_LABEL}
            />
            <p class="progress-count" role="status">
                { msg::answered_of(props.answered, props.statements) }
                if let Some(m) = props.minutes_left {
                    { format!(" {}", msg::minutes_left(m)) }
                }
            </p>
        </div>
    }
}
