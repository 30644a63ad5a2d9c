//! The landing page: what Trellis is, the privacy promise, the collaborations here,
//! fictional example data to try, a gentle backup reminder, and the way to "Your data"
//! (back up, restore, storage), which lives on data.html.
//!
//! A browser that has only answered (`Workspace::only_answered`) sees a respondent's start
//! page instead: the rounds answered here and where each stands, with the facilitator's
//! start page one link away (`Route::Facilitator`).

use trellis_core::format::Round;
use yew::prelude::*;

use crate::messages as msg;
use crate::route::{Link, Route};
use crate::state::{use_app_state, AppState};

#[derive(Properties, PartialEq)]
pub struct HomeProps {
    /// The facilitator's start page, even in a browser that has only answered.
    #[prop_or_default]
    pub full: bool,
}

#[component]
pub fn Home(props: &HomeProps) -> Html {
    let app = use_app_state();
    if !props.full && app.workspace.only_answered() {
        return your_answers(&app);
    }
    html! { <FacilitatorHome /> }
}

/// Where one round answered on this device stands, and the link that carries on from there.
fn round_state(app: &AppState, round: &Round) -> (String, Html) {
    let responses = || app.workspace.responses_for(&round.id);
    let id = round.id.clone();
    if let Some(draft) = responses()
        .filter(|r| r.submitted.is_none())
        .max_by_key(|r| r.started)
    {
        let total = app
            .instrument_for(round)
            .map_or(0, |i| i.statement_count(&round.mode));
        let answered = draft.answers.len().min(total);
        let link = html! { <Link to={Route::AnswerStart { id }} classes="button">{ msg::CONTINUE }</Link> };
        (msg::in_progress(answered, total), link)
    } else if responses().any(|r| r.submitted.is_some()) {
        let link = html! { <Link to={Route::Sent { id }} classes="button button-secondary">{ msg::SEND_OR_SEE_CODE }</Link> };
        (msg::FINISHED_HERE.to_string(), link)
    } else {
        let link = html! { <Link to={Route::AnswerStart { id }} classes="button">{ msg::START }</Link> };
        (msg::NOT_STARTED.to_string(), link)
    }
}

/// The start page of a browser that has only answered: every round it holds (each came
/// with an invitation), newest first, and the facilitator's tools one deliberate step away.
fn your_answers(app: &AppState) -> Html {
    let mut rounds: Vec<_> = app
        .workspace
        .collaborations
        .iter()
        .flat_map(|c| c.rounds.iter().map(move |r| (c, r)))
        .collect();
    rounds.sort_by_key(|(_, r)| std::cmp::Reverse(r.created));
    let items = rounds.into_iter().map(|(c, r)| {
        let (state, link) = round_state(app, r);
        html! {
            <li class="card answered-round">
                <h2>{ msg::round_in(&c.name, &r.name) }</h2>
                <p>{ state }</p>
                { link }
            </li>
        }
    });
    html! {
        <>
            <h1 tabindex="-1">{ msg::YOUR_ANSWERS_TITLE }</h1>
            <p class="lead">{ msg::YOUR_ANSWERS_LEAD }</p>
            <ul class="card-list" data-testid="your-answers">{ for items }</ul>
            <p class="facilitator-way"><Link to={Route::Facilitator}>{ msg::I_AM_FACILITATOR }</Link></p>
        </>
    }
}

/// The facilitator's start page.
#[component]
fn FacilitatorHome() -> Html {
    let app = use_app_state();
    let file_error = use_state(|| None::<String>);
    let collaborations = &app.workspace.collaborations;
    let reminder_dismissed = use_state(|| false);
    let last_backup = use_state(crate::browser::storage::last_backup);
    // A gentle reminder once there are answers worth keeping and no backup for 30 days.
    let has_answers = app.workspace.responses.iter().any(|r| r.submitted.is_some());
    let stale = last_backup.is_none_or(|t| crate::browser::now().0 - t > 30 * 24 * 3600 * 1000);
    let has_example = collaborations.iter().any(|c| c.example);
    let on_example = {
        let (app, file_error) = (app.clone(), file_error.clone());
        Callback::from(move |_: MouseEvent| {
            if let Err(e) = app.add_example() {
                file_error.set(Some(msg::input_error(&e)));
            }
        })
    };
    let on_remove_example = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            if crate::browser::dom::confirm(msg::CONFIRM_REMOVE_EXAMPLE) {
                app.remove_examples()
            }
        })
    };
    html! {
        <>
            <h1 tabindex="-1">{ msg::HOME_TITLE }</h1>
            <p class="lead">{ msg::HOME_LEAD }</p>
            <p>{ msg::PRIVACY_PROMISE }</p>
            if has_answers && stale && !*reminder_dismissed {
                <div class="notice" role="status" data-testid="backup-reminder">
                    <p>{ if last_backup.is_none() { msg::BACKUP_NEVER } else { msg::BACKUP_REMINDER } }</p>
                    <Link to={Route::Data} classes="button">{ msg::BACKUP_GO }</Link>
                    <button type="button" class="link-button" onclick={let d = reminder_dismissed.clone(); Callback::from(move |_: MouseEvent| d.set(true))}>{ msg::DISMISS }</button>
                </div>
            }
            <section aria-labelledby="collaborations-heading">
                <h2 id="collaborations-heading">{ msg::YOUR_COLLABORATIONS }</h2>
                if collaborations.is_empty() {
                    <p class="empty" data-testid="no-collaborations">{ msg::NO_COLLABORATIONS }</p>
                } else {
                    <ul class="card-list" data-testid="collaborations">
                        for c in collaborations.iter() {
                            <li class="card">
                                <Link to={Route::Collaboration { id: c.id.clone() }}>{ c.name.clone() }</Link>
                                if c.example { <span class="tag example-tag">{ msg::EXAMPLE_LABEL }</span> }
                                <span class="meta">{ msg::partners_and_rounds(c.partners.len(), c.rounds.len()) }</span>
                            </li>
                        }
                    </ul>
                }
                <p>
                    <Link to={Route::NewCollaboration} classes="button">{ msg::SET_UP_COLLABORATION }</Link>
                </p>
            </section>
            <crate::pages::shared::OpenShared />
            <section aria-labelledby="example-heading">
                <h2 id="example-heading">{ msg::EXAMPLE_TITLE }</h2>
                if has_example {
                    <p>{ msg::EXAMPLE_LOADED }</p>
                    <button type="button" class="button button-secondary" data-testid="remove-example" onclick={on_remove_example}>{ msg::REMOVE_EXAMPLE }</button>
                } else {
                    <p>{ msg::EXAMPLE_LEAD }</p>
                    <button type="button" class="button button-secondary" data-testid="add-example" onclick={on_example}>{ msg::TRY_EXAMPLE }</button>
                }
                if let Some(problem) = (*file_error).clone() {
                    <p class="notice notice-warning" role="alert">{ problem }</p>
                }
            </section>
            <section aria-labelledby="compare-heading">
                <h2 id="compare-heading">{ msg::COMPARE_TITLE }</h2>
                <p>{ msg::COMPARE_LINK_LEAD }</p>
                <p><Link to={Route::Compare}>{ msg::COMPARE_LINK }</Link></p>
            </section>
            <section aria-labelledby="data-heading">
                <h2 id="data-heading">{ msg::BACKUP_TITLE }</h2>
                <p>{ msg::DATA_LINK_LEAD }</p>
                <p><Link to={Route::Data}>{ msg::DATA_LINK }</Link></p>
            </section>
        </>
    }
}
