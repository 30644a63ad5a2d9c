//! One collaboration: its partners, its rounds, and adding a round.

use trellis_core::format::{Collaboration, RoundStatus, TombstoneKind};
use trellis_core::next_step::{context_answered, next_step, NextStep};
use trellis_core::workspace::NewRound;
use yew::prelude::*;

use crate::browser;
use crate::components::markup::table;
use crate::components::ErrorSummary;
use crate::messages as msg;
use crate::pages::find_collaboration;
use crate::pages::new_collaboration::{round_error_field, round_problems};
use crate::pages::round_fields::{
    field_errors, mode_options, partner_map_offered, use_round_form, RoundFields,
};
use crate::route::{Link, Route};
use crate::state::use_app_state;

#[derive(Properties, PartialEq)]
pub struct CollaborationProps {
    pub id: AttrValue,
}

#[component]
pub fn CollaborationPage(props: &CollaborationProps) -> Html {
    let app = use_app_state();
    let mode = app.config.mode.clone();
    let (round, on_round_change) = use_round_form(|| NewRound {
        name: String::new(),
        date: browser::today(),
        mode: mode.unwrap_or_else(|| "full".to_string()),
        partner_map: false,
    });
    // Every problem found when the round form was sent: (field id, message).
    let errors = use_state(Vec::<(AttrValue, AttrValue)>::new);
    let added = use_state(|| false);
    let (collaboration, instrument) = match find_collaboration(&app, &props.id) {
        Ok(found) => found,
        Err(page) => return page,
    };

    let context_answered = context_answered(collaboration, instrument);
    let next = (collaboration.invited.is_none())
        .then(|| next_step(&app.workspace, collaboration, instrument))
        .flatten();
    let on_add = {
        let (app, round, errors, added, id) = (
            app.clone(),
            round.clone(),
            errors.clone(),
            added.clone(),
            props.id.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = round.borrow().clone();
            let found = app
                .current_instrument()
                .map_or_else(Vec::new, |i| round_problems(&value, i));
            if !found.is_empty() {
                added.set(false);
                errors.set(found);
                return;
            }
            match app.add_round(&id, value) {
                Ok(()) => {
                    errors.set(Vec::new());
                    added.set(true);
                    // Ready for the next round: same date and questionnaire, no name.
                    round.borrow_mut().name.clear();
                }
                Err(err) => {
                    added.set(false);
                    let field = round_error_field(&err);
                    errors.set(vec![(field.into(), msg::field_error(field, &err).into())]);
                }
            }
        })
    };
    let error_for = |field: &str| field_errors(&errors, field);

    let invited = collaboration.invited.is_some();
    let delete_collaboration = {
        let (app, id, label) = (
            app.clone(),
            collaboration.id.clone(),
            msg::collaboration_label(&collaboration.name),
        );
        Callback::from(move |_: MouseEvent| {
            if app.delete(TombstoneKind::Collaboration, &id, &label) {
                crate::route::navigate(&Route::Home);
            }
        })
    };
    let rounds = collaboration.rounds.iter().map(|r| {
        let closed = r.status == RoundStatus::Closed;
        let toggle = {
            let (app, id) = (app.clone(), r.id.clone());
            let next = if closed { RoundStatus::Open } else { RoundStatus::Closed };
            Callback::from(move |_| app.set_status(&id, next))
        };
        let sent = app.workspace.responses_for(&r.id).filter(|x| x.submitted.is_some()).count();
        let delete_round = {
            let (app, id, label) = (app.clone(), r.id.clone(), msg::round_label(&r.name));
            Callback::from(move |_: MouseEvent| {
                app.delete(TombstoneKind::Round, &id, &label);
            })
        };
        let mode = app.instrument_for(r).and_then(|i| i.mode(&r.mode)).map_or(r.mode.clone(), |m| m.title.clone());
        html! {
            <tr data-testid={format!("round-{}", r.name)}>
                <th scope="row">{ r.name.clone() }</th>
                <td data-label={msg::DATE}>{ msg::uk_date(&r.date) }{ if closed { format!(" ({})", msg::CLOSED) } else { String::new() } }</td>
                <td data-label={msg::QUESTIONNAIRE}>{ mode }</td>
                <td data-label={msg::RESPONSES_SENT}>{ sent }</td>
                <td class="actions">
                    <ul class="action-list" aria-label={msg::round_actions(&r.name)}>
                        <li><Link to={Route::AnswerStart { id: r.id.clone() }}>{ msg::ANSWER_ROUND }</Link></li>
                        if invited {
                            <li><Link to={Route::Sent { id: r.id.clone() }}>{ msg::SEND_BACK_TITLE }</Link></li>
                        } else {
                            <li><Link to={Route::Invite { id: r.id.clone() }}>{ msg::INVITE }</Link></li>
                            <li><Link to={Route::Import { id: r.id.clone() }}>{ msg::IMPORT }</Link></li>
                            <li><Link to={Route::Results { id: r.id.clone() }}>{ msg::SEE_RESULTS }</Link></li>
                            <li>
                                <button type="button" class="link-button" onclick={toggle}>
                                    { if closed { msg::REOPEN_ROUND } else { msg::CLOSE_ROUND } }
                                </button>
                            </li>
                        }
                        <li><button type="button" class="link-button" onclick={delete_round}>{ msg::delete_round(&r.name) }</button></li>
                    </ul>
                </td>
            </tr>
        }
    });

    html! {
        <>
            <p class="breadcrumb"><Link to={Route::Home}>{ msg::HOME_TITLE }</Link></p>
            <h1 tabindex="-1">{ collaboration.name.clone() }</h1>
            if collaboration.example { <p class="tag example-tag">{ msg::EXAMPLE_LABEL }</p> }
            if let Some(step) = &next { { next_step_panel(collaboration, step) } }
            <section aria-labelledby="partners-heading">
                <h2 id="partners-heading">{ msg::PARTNER_ORGANISATIONS }</h2>
                <ul class="inline-list" data-testid="partner-list">
                    for p in collaboration.partners.iter() { <li>{ p.name.clone() }</li> }
                </ul>
            </section>
            <section aria-labelledby="context-heading">
                <h2 id="context-heading">{ msg::CONTEXT_SECTION }</h2>
                <p data-testid="context-summary">{ msg::context_answered(context_answered, instrument.context().len()) }</p>
                // When describing is the next step, the panel above holds the one link to it.
                if !matches!(next, Some(NextStep::Describe { .. })) {
                    <Link to={Route::Context { id: collaboration.id.clone() }} classes="button button-secondary">{ msg::DESCRIBE_COLLABORATION }</Link>
                }
            </section>
            <section aria-labelledby="rounds-heading">
                <h2 id="rounds-heading">{ msg::ROUNDS }</h2>
                { table(None, None, None, &[msg::ROUND_NAME, msg::DATE, msg::QUESTIONNAIRE, msg::RESPONSES_SENT, msg::ACTIONS], rounds.collect()) }
                if collaboration.rounds.len() > 1 && !invited {
                    <p><Link to={Route::Progress { id: collaboration.id.clone() }} classes="button button-secondary">{ msg::PROGRESS_OVER_TIME }</Link></p>
                }
            </section>
            if !invited { <crate::pages::shared::SharedFile id={collaboration.id.clone()} /> }
            <section aria-labelledby="add-round-heading">
                <h2 id="add-round-heading">{ msg::ADD_ROUND }</h2>
                if *added {
                    <p class="notice notice-success" role="status">{ msg::ROUND_ADDED }</p>
                }
                <ErrorSummary
                    errors={(*errors).clone()}
                    on_select={Callback::from(|id: AttrValue| browser::dom::focus_element(&id))}
                />
                <form onsubmit={on_add} novalidate=true>
                    <RoundFields
                        value={round.borrow().clone()}
                        modes={mode_options(instrument)}
                        on_change={on_round_change}
                        name_error={error_for("round-name")}
                        date_error={error_for("round-date")}
                        mode_error={error_for("round-mode")}
                        partner_map_offered={partner_map_offered(instrument, collaboration.partners.len())}
                    />
                    <button type="submit" class="button button-secondary">{ msg::ADD_ROUND }</button>
                </form>
            </section>
            <p>
                <button type="button" class="link-button danger" data-testid="delete-collaboration" onclick={delete_collaboration}>{ msg::DELETE_COLLABORATION }</button>
            </p>
        </>
    }
}

/// The one thing to do next, in the order of the work: describe, invite, collect, results.
fn next_step_panel(collaboration: &Collaboration, step: &NextStep) -> Html {
    let round_name = |id: &str| {
        collaboration
            .rounds
            .iter()
            .find(|r| r.id == id)
            .map_or_else(String::new, |r| r.name.clone())
    };
    let (text, link, label) = match step {
        NextStep::Describe { answered, total } => (
            msg::next_describe(*answered, *total),
            Route::Context {
                id: collaboration.id.clone(),
            },
            msg::DESCRIBE_COLLABORATION,
        ),
        NextStep::Invite { round } => (
            msg::next_invite(&round_name(round)),
            Route::Invite { id: round.clone() },
            msg::NEXT_INVITE,
        ),
        NextStep::Collect { round, sent, needed } => (
            msg::next_collect(&round_name(round), *sent, *needed),
            Route::Import { id: round.clone() },
            msg::NEXT_COLLECT,
        ),
        NextStep::Results { round, sent } => (
            msg::next_results(&round_name(round), *sent),
            Route::Results { id: round.clone() },
            msg::NEXT_RESULTS,
        ),
    };
    html! {
        <section class="next-step" aria-labelledby="next-step-heading" data-testid="next-step">
            <h2 id="next-step-heading">{ msg::NEXT_STEP }</h2>
            <p>{ text }</p>
            <Link to={link} classes="button">{ label }</Link>
        </section>
    }
}
