//! Targets and the action plan of a round: the gap to each target (for a readiness check,
//! the conditions to meet instead), the engine's suggested actions with their reasons
//! (a readiness condition's first), the plan itself (owner, due date, status, success
//! measure) and the review of actions carried forward from the round before.

use std::rc::Rc;

use trellis_core::analysis::{RoundAnalysis, SuggestedAction, MIN_GROUP};
use trellis_core::format::{ActionStatus, PlanItem};
use trellis_core::plan::{status_counts, PlanFields};
use trellis_core::Instrument;
use yew::prelude::*;

use crate::browser::dom::event_value;
use crate::browser::random_id;
use crate::components::markup::hint;
use crate::components::names::{
    domain_title, group_level_text, level_now_text, level_text, plain_text, why_condition, why_suggested,
};
use crate::components::readiness::{caution, condition_standing, readiness_only, verdict_words};
use crate::components::round_results::small_sample;
use crate::messages as msg;
use crate::pages::{find_analysed_round, use_round_analysis};
use crate::route::{Link, Route};
use crate::state::{use_app_state, PlanChange};

#[derive(Properties, PartialEq)]
pub struct PlanProps {
    pub id: AttrValue,
}

#[component]
pub fn PlanPage(props: &PlanProps) -> Html {
    let app = use_app_state();
    let editing = use_state(|| None::<String>);
    let analysis = use_round_analysis(&app, &props.id, MIN_GROUP);
    let ((collaboration, round, instrument), analysis) = match find_analysed_round(&app, &props.id, analysis)
    {
        Ok(found) => found,
        Err(page) => return page,
    };
    let act = {
        let (app, round_id) = (app.clone(), round.id.clone());
        Callback::from(move |change: PlanChange| app.plan(&round_id, change))
    };
    let to_review: Vec<&PlanItem> = round.plan.iter().filter(|i| i.carried_from.is_some()).collect();
    let unreviewed = to_review.iter().filter(|i| i.reviewed.is_none()).count();
    let from_round = to_review
        .first()
        .and_then(|i| i.carried_from.as_deref())
        .and_then(|id| app.workspace.round(id))
        .map_or(String::new(), |(_, r)| r.name.clone());
    let counts = status_counts(&round.plan);
    let readiness = readiness_only(&analysis, instrument);
    // The readiness conditions' actions first (in the result's order), then the agenda's.
    let mut offered: Vec<(&SuggestedAction, String)> = analysis
        .readiness_result
        .iter()
        .flat_map(|r| r.conditions())
        .flat_map(|d| d.actions.iter().map(move |s| (s, d)))
        .map(|(s, d)| (s, why_condition(instrument, s, d)))
        .collect();
    offered.extend(analysis.actions.iter().map(|s| (s, why_suggested(instrument, s))));
    let ask_levels = instrument.mode(&round.mode).is_some_and(|m| m.ask_levels);
    let any_earlier = analysis.domains.iter().any(|d| d.earlier_target.is_some());
    let gaps = analysis
        .domains
        .iter()
        .filter(|d| instrument.is_functioning(&d.domain))
        .map(|d| {
            let target = d
                .target
                .map_or(msg::NO_TARGET.to_string(), |l| level_text(instrument, l));
            let gap = match (d.working_level(), d.target) {
                (Some(_), Some(_)) => msg::levels_to_go(d.gap().unwrap_or(0)),
                _ => "–".to_string(),
            };
            let earlier = match (d.earlier_target, d.earlier_target_met()) {
                (Some(t), Some(met)) => msg::earlier_target_met(met, &level_text(instrument, t)),
                (Some(t), None) => level_text(instrument, t),
                _ => "–".to_string(),
            };
            html! {
                <tr data-testid={format!("gap-{}", d.domain)}>
                    <th scope="row">{ domain_title(instrument, &d.domain) }</th>
                    <td>{ level_now_text(instrument, d) }</td>
                    if ask_levels { <td>{ group_level_text(instrument, d.level) }</td> }
                    <td>{ target }</td>
                    <td>{ gap }</td>
                    if any_earlier { <td>{ earlier }</td> }
                </tr>
            }
        });
    html! {
        <>
            <p class="breadcrumb"><Link to={Route::Results { id: round.id.clone() }}>{ msg::results_title(&round.name) }</Link></p>
            if readiness {
                <h1 tabindex="-1">{ msg::readiness_plan_title(&round.name) }</h1>
                <p class="lead">{ msg::READINESS_PLAN_LEAD }</p>
            } else {
                <h1 tabindex="-1">{ msg::plan_title(&round.name) }</h1>
                <p class="lead">{ msg::PLAN_LEAD }</p>
            }
            if let Some(n) = app.notice.clone() {
                <p class="notice notice-warning" role="alert">{ n }</p>
            }
            if !to_review.is_empty() {
                <section aria-labelledby="review-heading" class="plan-review" data-testid="plan-review">
                    <h2 id="review-heading">{ msg::review_title(&from_round) }</h2>
                    <p>{ msg::PLAN_REVIEW_LEAD }</p>
                    <p role="status" data-testid="review-left">{ msg::still_to_review(unreviewed) }</p>
                    for item in to_review.iter() { { review_item(item, instrument, &act) } }
                </section>
            }
            if readiness {
                { conditions(&analysis, instrument) }
            } else {
                <section aria-labelledby="gaps-heading">
                    <h2 id="gaps-heading">{ msg::TARGETS_TITLE }</h2>
                    { small_sample(&analysis) }
                    <table class="data-table" data-testid="plan-gaps">
                        <thead><tr>
                            <th scope="col">{ msg::TOPIC }</th>
                            <th scope="col">{ msg::CURRENT_LEVEL }</th>
                            if ask_levels { <th scope="col">{ msg::PEOPLES_LEVEL }</th> }
                            <th scope="col">{ msg::TARGET_LEVEL }</th>
                            <th scope="col">{ msg::GAP }</th>
                            if any_earlier { <th scope="col">{ msg::EARLIER_TARGET }</th> }
                        </tr></thead>
                        <tbody>{ for gaps }</tbody>
                    </table>
                    { hint(msg::LEVEL_NOW_RULE) }
                    <p><Link to={Route::Consensus { id: round.id.clone() }}>{ msg::CHANGE_TARGETS }</Link></p>
                </section>
            }
            <section aria-labelledby="plan-heading" data-testid="plan">
                <h2 id="plan-heading">{ msg::PLAN_TITLE }</h2>
                if round.plan.is_empty() {
                    <p class="empty">{ msg::PLAN_EMPTY }</p>
                } else {
                    <p>{ msg::plan_counts(&counts) }</p>
                    <ul class="plan-list">
                        for item in round.plan.iter() {
                            <li class="plan-item" data-testid={format!("plan-item-{}", item.id)}>
                                if editing.as_deref() == Some(item.id.as_str()) {
                                    <PlanForm
                                        instrument={instrument.clone()}
                                        item={Some(Rc::new(item.clone()))}
                                        on_done={let e = editing.clone(); Callback::from(move |_| e.set(None))}
                                        act={act.clone()}
                                    />
                                } else {
                                    { plan_item(item, instrument, &act, &editing) }
                                }
                            </li>
                        }
                    </ul>
                }
            </section>
            <section aria-labelledby="suggested-heading">
                <h2 id="suggested-heading">{ msg::ACTIONS_TITLE }</h2>
                if offered.is_empty() {
                    <p class="empty">{ if readiness { msg::NO_CONDITION_ACTIONS } else { msg::NO_ACTIONS } }</p>
                } else {
                    <ul class="suggested-list" data-testid="suggested-actions">
                        for (s, why) in offered { { suggested(s, why, instrument, &round.plan, &act) } }
                    </ul>
                }
                <p class="no-print"><Link to={Route::Library { id: round.id.clone() }}>{ msg::LIBRARY_LINK }</Link></p>
            </section>
            <section aria-labelledby="own-heading">
                <h2 id="own-heading">{ msg::OWN_ACTION_TITLE }</h2>
                <PlanForm instrument={instrument.clone()} item={None} on_done={Callback::noop()} act={act.clone()} />
            </section>
            <crate::pages::shared::SharedFile id={collaboration.id.clone()} only_linked=true />
            <p class="round-links">
                <Link to={Route::Report { id: round.id.clone() }} classes="button">{ msg::BOARD_REPORT }</Link>
                <Link to={Route::Results { id: round.id.clone() }} classes="button button-secondary">{ msg::BACK_TO_RESULTS }</Link>
            </p>
        </>
    }
}

fn review_item(item: &PlanItem, instrument: &Instrument, act: &Callback<PlanChange>) -> Html {
    let stem = format!("review-{}", item.id);
    let choices = [
        (ActionStatus::Done, msg::STATUS_DONE),
        (ActionStatus::InProgress, msg::STILL_IN_PROGRESS),
        (ActionStatus::Dropped, msg::STATUS_DROPPED),
    ];
    html! {
        <fieldset class="field review-item" data-testid={stem.clone()}>
            <legend>{ msg::review_question(&item.title) }</legend>
            <p class="meta">{ msg::plan_meta(&domain_title(instrument, &item.domain), &item.owner, &item.due) }</p>
            for (status, label) in choices {
                <div class="choice-block">
                    <input type="radio" id={format!("{stem}-{}", status.id())} name={stem.clone()}
                        checked={item.reviewed.is_some() && item.status == status}
                        onchange={let (act, item) = (act.clone(), item.id.clone());
                            Callback::from(move |_: Event| act.emit(PlanChange::Status { item: item.clone(), status }))} />
                    <label for={format!("{stem}-{}", status.id())}>{ label }</label>
                </div>
            }
        </fieldset>
    }
}

fn plan_item(
    item: &PlanItem,
    instrument: &Instrument,
    act: &Callback<PlanChange>,
    editing: &UseStateHandle<Option<String>>,
) -> Html {
    let on_edit = {
        let (editing, id) = (editing.clone(), item.id.clone());
        Callback::from(move |_: MouseEvent| editing.set(Some(id.clone())))
    };
    let on_remove = {
        let (act, id) = (act.clone(), item.id.clone());
        Callback::from(move |_: MouseEvent| {
            if crate::browser::dom::confirm(msg::CONFIRM_REMOVE_ACTION) {
                act.emit(PlanChange::Remove { item: id.clone() })
            }
        })
    };
    html! {
        <>
            <h3 class="plan-item-title">{ item.title.clone() }</h3>
            <p class="meta">
                <span class={classes!("status", format!("status-{}", item.status.id()))}>{ msg::status_name(item.status) }</span>
                { format!(" · {}", msg::plan_meta(&domain_title(instrument, &item.domain), &item.owner, &item.due)) }
            </p>
            if item.carried_from.is_some() { <p class="hint">{ msg::CARRIED_NOTE }</p> }
            if !item.measure.is_empty() { <p><strong>{ msg::MEASURE }</strong>{ format!(" {}", plain_text(instrument, &item.measure)) }</p> }
            <p class="item-buttons no-print">
                <button type="button" class="link-button" onclick={on_edit}>{ msg::edit_action(&item.title) }</button>
                <button type="button" class="link-button" onclick={on_remove}>{ msg::remove_action(&item.title) }</button>
            </p>
        </>
    }
}

/// For a readiness check, in place of targets: the result and each condition to meet,
/// with where it stands.
fn conditions(a: &RoundAnalysis, instrument: &Instrument) -> Html {
    let verdict = a.readiness_result.as_ref().map(|r| r.verdict);
    let conditions: Vec<Html> = a
        .readiness_result
        .iter()
        .flat_map(|r| r.conditions())
        .map(|d| {
            html! {
                <li data-testid={format!("plan-condition-{}", d.domain)}>
                    <strong>{ domain_title(instrument, &d.domain) }</strong>
                    { format!(". {}", condition_standing(a, d, instrument)) }
                </li>
            }
        })
        .collect();
    html! {
        <section aria-labelledby="conditions-heading" data-testid="plan-conditions">
            <h2 id="conditions-heading">{ msg::CONDITIONS_TITLE }</h2>
            { caution(a) }
            <p data-testid="plan-verdict"><strong>{ verdict_words(verdict) }</strong></p>
            if !conditions.is_empty() { <ol>{ for conditions }</ol> }
        </section>
    }
}

/// A suggested action, `why` it is suggested in words, and the button that adopts it.
fn suggested(
    s: &SuggestedAction,
    why: String,
    instrument: &Instrument,
    plan: &[PlanItem],
    act: &Callback<PlanChange>,
) -> Html {
    let Some(action) = instrument.actions().iter().find(|a| a.id == s.action) else {
        return Html::default();
    };
    let adopted = plan
        .iter()
        .any(|i| i.action.as_deref() == Some(action.id.as_str()));
    let on_adopt = {
        let (act, id) = (act.clone(), action.id.clone());
        Callback::from(move |_: MouseEvent| {
            act.emit(PlanChange::Adopt {
                action: id.clone(),
                id: random_id(),
            })
        })
    };
    html! {
        <li class="suggested" data-testid={format!("suggested-{}", action.id)}>
            <h3>{ action.title.clone() }</h3>
            <p class="meta">{ msg::action_meta(&domain_title(instrument, &s.domain), &action.effort, &action.horizon) }</p>
            if !action.why.is_empty() { <p>{ action.why.clone() }</p> }
            <p><strong>{ msg::WHY_SUGGESTED }</strong>{ format!(" {why}") }</p>
            if adopted {
                <p class="done-note">{ msg::ON_THE_PLAN }</p>
            } else {
                <button type="button" class="button button-secondary" onclick={on_adopt}>{ msg::adopt_action(&action.title) }</button>
            }
        </li>
    }
}

#[derive(Properties, PartialEq)]
pub struct PlanFormProps {
    pub instrument: Rc<Instrument>,
    /// The item being edited; `None` adds a new one.
    pub item: Option<Rc<PlanItem>>,
    pub on_done: Callback<()>,
    pub act: Callback<PlanChange>,
}

/// The form for one action: add the group's own, or edit one on the plan.
#[component]
pub fn PlanForm(props: &PlanFormProps) -> Html {
    let item = props.item.clone();
    let first_domain = props
        .instrument
        .domains()
        .first()
        .map_or(String::new(), |d| d.id.clone());
    let domain = use_state(|| item.as_ref().map_or(first_domain, |i| i.domain.clone()));
    let fields = use_state(|| PlanFields {
        title: item.as_ref().map_or(String::new(), |i| i.title.clone()),
        owner: item.as_ref().map_or(String::new(), |i| i.owner.clone()),
        due: item.as_ref().map_or(String::new(), |i| i.due.clone()),
        measure: item
            .as_ref()
            .map_or(String::new(), |i| plain_text(&props.instrument, &i.measure)),
        status: item.as_ref().map_or(ActionStatus::Planned, |i| i.status),
    });
    let error = use_state(|| None::<String>);
    let stem = item
        .as_ref()
        .map_or("new-action".to_string(), |i| format!("edit-{}", i.id));
    let update = |apply: fn(&mut PlanFields, String)| {
        let fields = fields.clone();
        move |value: String| {
            let mut f = (*fields).clone();
            apply(&mut f, value);
            fields.set(f);
        }
    };
    let typed = |apply: fn(&mut PlanFields, String)| {
        let update = update(apply);
        Callback::from(move |e: InputEvent| update(event_value(&e)))
    };
    let chosen = |apply: fn(&mut PlanFields, String)| {
        let update = update(apply);
        Callback::from(move |e: Event| update(event_value(&e)))
    };
    let on_submit = {
        let (fields, error, domain, act, done, item) = (
            fields.clone(),
            error.clone(),
            domain.clone(),
            props.act.clone(),
            props.on_done.clone(),
            item.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match fields.checked() {
                Err(problem) => error.set(Some(msg::plan_error(&problem))),
                Ok(checked) => {
                    error.set(None);
                    act.emit(match &item {
                        Some(i) => PlanChange::Update {
                            item: i.id.clone(),
                            fields: checked,
                        },
                        None => PlanChange::Add {
                            domain: (*domain).clone(),
                            fields: checked,
                            id: random_id(),
                        },
                    });
                    if item.is_none() {
                        fields.set(PlanFields {
                            title: String::new(),
                            owner: String::new(),
                            due: String::new(),
                            measure: String::new(),
                            status: ActionStatus::Planned,
                        });
                    }
                    done.emit(());
                }
            }
        })
    };
    let id = |field: &str| format!("{stem}-{field}");
    html! {
        <form class="plan-form" onsubmit={on_submit} novalidate=true data-testid={stem.clone()}>
            if let Some(problem) = (*error).clone() {
                <p class="field-error" role="alert" id={id("error")}>{ problem }</p>
            }
            if item.is_none() {
                <div class="field">
                    <label for={id("domain")}>{ msg::TOPIC }</label>
                    <select id={id("domain")} onchange={let d = domain.clone(); Callback::from(move |e: Event| d.set(event_value(&e)))}>
                        for d in props.instrument.domains().iter() {
                            <option value={d.id.clone()} selected={*domain == d.id}>{ d.title.clone() }</option>
                        }
                    </select>
                </div>
            }
            <div class="field">
                <label for={id("title")}>{ msg::ACTION_TEXT }</label>
                <textarea id={id("title")} rows="2" value={fields.title.clone()} oninput={typed(|f, v| f.title = v)}
                    aria-describedby={error.is_some().then(|| id("error"))} />
            </div>
            <div class="field">
                <label for={id("owner")}>{ msg::OWNER }</label>
                <input id={id("owner")} type="text" autocomplete="off" value={fields.owner.clone()} oninput={typed(|f, v| f.owner = v)} />
            </div>
            <div class="field">
                <label for={id("due")}>{ msg::DUE }</label>
                <input id={id("due")} type="date" value={fields.due.clone()} onchange={chosen(|f, v| f.due = v)} />
            </div>
            <div class="field">
                <label for={id("status")}>{ msg::STATUS }</label>
                <select id={id("status")} onchange={chosen(|f, v| f.status = ActionStatus::from_id(&v).unwrap_or(f.status))}>
                    for s in ActionStatus::ALL {
                        <option value={s.id()} selected={fields.status == s}>{ msg::status_name(s) }</option>
                    }
                </select>
            </div>
            <div class="field">
                <label for={id("measure")}>{ msg::MEASURE }</label>
                <textarea id={id("measure")} rows="2" value={fields.measure.clone()} oninput={typed(|f, v| f.measure = v)} />
            </div>
            <p>
                <button type="submit" class="button">{ if item.is_some() { msg::SAVE_ACTION } else { msg::ADD_ACTION } }</button>
                if item.is_some() {
                    <button type="button" class="button button-secondary" onclick={let d = props.on_done.clone(); Callback::from(move |_: MouseEvent| d.emit(()))}>{ msg::CANCEL }</button>
                }
            </p>
        </form>
    }
}
