//! The action library of a round: every action of the round's instrument, narrowed by
//! topic, level, horizon and fit with the collaboration's context, each one click from
//! the round's plan, so the group is never limited to what the engine suggested.
//!
//! The choices live in the component's state, not in the address: the router's routes
//! carry no query, a change of choice should not add a step to the browser's history
//! (Back leaves the library rather than undoing a filter), and moving between pages
//! announces a new page, which a filter change must not do.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use trellis_core::analysis::{all_matches, Critical};
use trellis_core::format::{ActionFile, ContextAnswer};
use trellis_core::Instrument;
use yew::prelude::*;

use crate::browser::dom::event_value;
use crate::browser::random_id;
use crate::components::names::{condition_label, domain_title, level_text, plain_text};
use crate::messages as msg;
use crate::pages::find_round;
use crate::route::{Link, Route};
use crate::state::{use_app_state, PlanChange};

/// What the library shows: each choice narrows the list; an empty topic or horizon, no
/// level and an unticked context box leave it whole.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// A domain id, or empty for any topic.
    pub topic: String,
    /// A level the action must suit.
    pub level: Option<u8>,
    /// `quick-win`, `months` or `year`, or empty for any.
    pub horizon: String,
    /// Only actions with a context condition that the collaboration's answers meet.
    pub fits_context: bool,
}

impl Filters {
    /// Whether `action` passes every choice, given the collaboration's context answers.
    pub fn keeps(&self, action: &ActionFile, context: &BTreeMap<String, ContextAnswer>) -> bool {
        (self.topic.is_empty() || action.domain == self.topic)
            && self.level.is_none_or(|l| action.levels.contains(&l))
            && (self.horizon.is_empty() || action.horizon == self.horizon)
            && (!self.fits_context || !all_matches(&action.priority_when, context).is_empty())
    }

    fn is_narrowed(&self) -> bool {
        *self != Filters::default()
    }
}

#[derive(Properties, PartialEq)]
pub struct LibraryProps {
    pub id: AttrValue,
}

/// The page: the round, its collaboration's context and its plan, and the library.
#[component]
pub fn LibraryPage(props: &LibraryProps) -> Html {
    let app = use_app_state();
    let (collaboration, round, instrument) = match find_round(&app, &props.id) {
        Ok(found) => found,
        Err(page) => return page,
    };
    let on_plan: BTreeSet<String> = round.plan.iter().filter_map(|i| i.action.clone()).collect();
    let on_adopt = {
        let (app, round_id) = (app.clone(), round.id.clone());
        Callback::from(move |action: String| {
            app.plan(
                &round_id,
                PlanChange::Adopt {
                    action,
                    id: random_id(),
                },
            )
        })
    };
    let plan = Route::Plan { id: round.id.clone() };
    html! {
        <>
            <p class="breadcrumb"><Link to={plan.clone()}>{ msg::plan_title(&round.name) }</Link></p>
            <h1 tabindex="-1">{ msg::library_title(&round.name) }</h1>
            <p class="lead">{ msg::LIBRARY_LEAD }</p>
            if let Some(n) = app.notice.clone() {
                <p class="notice notice-warning" role="alert">{ n }</p>
            }
            <ActionLibrary
                instrument={instrument.clone()}
                context={Rc::new(round.context.clone())}
                on_plan={Rc::new(on_plan)}
                collaboration={collaboration.id.clone()}
                {on_adopt}
            />
            <p class="round-links">
                <Link to={plan} classes="button">{ msg::BACK_TO_PLAN }</Link>
            </p>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct ActionLibraryProps {
    pub instrument: Rc<Instrument>,
    /// The context answers the round is read under (its own copy).
    pub context: Rc<BTreeMap<String, ContextAnswer>>,
    /// The actions already on the round's plan, by id.
    pub on_plan: Rc<BTreeSet<String>>,
    /// The collaboration, for the link to its context questions.
    pub collaboration: AttrValue,
    /// Called with an action's id to add it to the plan.
    pub on_adopt: Callback<String>,
    /// The choices it opens with.
    #[prop_or_default]
    pub filters: Filters,
}

/// The choices, the live count and a card for each action they leave.
#[component]
pub fn ActionLibrary(props: &ActionLibraryProps) -> Html {
    let filters = use_state(|| props.filters.clone());
    let instrument = &props.instrument;
    let all = instrument.actions();
    let shown: Vec<&ActionFile> = all.iter().filter(|a| filters.keeps(a, &props.context)).collect();
    // Number answers (how many partners) are never an action's condition.
    let context_answered = props
        .context
        .values()
        .any(|a| !matches!(a, ContextAnswer::Number(_)));
    let set = |apply: fn(&mut Filters, String)| {
        let filters = filters.clone();
        Callback::from(move |e: Event| {
            let mut f = (*filters).clone();
            apply(&mut f, event_value(&e));
            filters.set(f);
        })
    };
    let on_fits = {
        let filters = filters.clone();
        Callback::from(move |_: Event| {
            let mut f = (*filters).clone();
            f.fits_context = !f.fits_context;
            filters.set(f);
        })
    };
    let on_clear = {
        let filters = filters.clone();
        Callback::from(move |_: MouseEvent| filters.set(Filters::default()))
    };
    html! {
        <>
            <fieldset class="library-filters no-print" data-testid="library-filters">
                <legend>{ msg::LIBRARY_FILTERS }</legend>
                <div class="field">
                    <label for="library-topic">{ msg::TOPIC }</label>
                    <select id="library-topic" onchange={set(|f, v| f.topic = v)}>
                        <option value="" selected={filters.topic.is_empty()}>{ msg::ANY_TOPIC }</option>
                        for d in instrument.domains().iter() {
                            <option value={d.id.clone()} selected={filters.topic == d.id}>{ d.title.clone() }</option>
                        }
                    </select>
                </div>
                <div class="field">
                    <label for="library-level">{ msg::LEVEL_SUITED }</label>
                    <select id="library-level" onchange={set(|f, v| f.level = v.parse().ok())}>
                        <option value="" selected={filters.level.is_none()}>{ msg::ANY_LEVEL }</option>
                        for l in (1..=instrument.levels().len()).filter_map(|l| u8::try_from(l).ok()) {
                            <option value={l.to_string()} selected={filters.level == Some(l)}>{ level_text(instrument, l) }</option>
                        }
                    </select>
                </div>
                <div class="field">
                    <label for="library-horizon">{ msg::HORIZON }</label>
                    <select id="library-horizon" onchange={set(|f, v| f.horizon = v)}>
                        <option value="" selected={filters.horizon.is_empty()}>{ msg::ANY_HORIZON }</option>
                        for (id, words) in msg::HORIZONS {
                            <option value={id} selected={filters.horizon == id}>{ capitalised(words) }</option>
                        }
                    </select>
                </div>
                <div class="field choice-block">
                    <input type="checkbox" id="library-fits" checked={filters.fits_context}
                        disabled={!context_answered && !filters.fits_context} onchange={on_fits}
                        aria-describedby={(!context_answered).then_some("library-fits-hint")} />
                    <label for="library-fits">{ msg::FITS_CONTEXT }</label>
                    if !context_answered {
                        <p class="hint" id="library-fits-hint">
                            { msg::NO_CONTEXT_YET }{ " " }
                            <Link to={Route::Context { id: props.collaboration.to_string() }}>{ msg::ANSWER_CONTEXT }</Link>
                        </p>
                    }
                </div>
            </fieldset>
            <div class="library-count">
                <p role="status" data-testid="library-count">{ msg::library_count(shown.len(), all.len()) }</p>
                if filters.is_narrowed() {
                    <button type="button" class="link-button no-print" onclick={on_clear}>{ msg::CLEAR_FILTERS }</button>
                }
            </div>
            if shown.is_empty() {
                <p class="empty">{ msg::NO_LIBRARY_MATCH }</p>
            } else {
                <ul class="suggested-list library-list" data-testid="library">
                    for action in shown { { card(action, props) } }
                </ul>
            }
        </>
    }
}

/// One action: what it is, whom it suits, why it works, how to tell, when it comes first,
/// and the button that puts it on the plan.
fn card(action: &ActionFile, props: &ActionLibraryProps) -> Html {
    let instrument = &props.instrument;
    // A readiness topic has no maturity levels to climb: its actions suit where it stands.
    let readiness = instrument.is_readiness(&action.domain);
    let levels: Vec<String> = action
        .levels
        .iter()
        .map(|l| {
            if readiness {
                msg::topics_suited(*l).to_string()
            } else {
                level_text(instrument, *l)
            }
        })
        .collect();
    // One line a context question: "How long has the collaboration been running? “Not
    // started yet” or “Less than a year”".
    let first_when: Vec<String> = action
        .priority_when
        .iter()
        .map(|w| {
            let question = instrument
                .context()
                .iter()
                .find(|q| q.id == w.question)
                .map_or(w.question.as_str(), |q| q.question.as_str());
            let options: Vec<String> = w
                .options
                .iter()
                .map(|o| {
                    condition_label(
                        instrument,
                        &Critical {
                            question: w.question.clone(),
                            option: o.clone(),
                        },
                    )
                })
                .collect();
            format!("{question} {}", msg::or_list(&options))
        })
        .collect();
    let fits_here: Vec<String> = all_matches(&action.priority_when, &props.context)
        .iter()
        .map(|c| condition_label(instrument, c))
        .collect();
    let adopted = props.on_plan.contains(&action.id);
    let on_adopt = {
        let (adopt, id) = (props.on_adopt.clone(), action.id.clone());
        // The button stays where it is (marked unavailable, never disabled) once the
        // action is on the plan, so keyboard focus is not lost when its words change.
        Callback::from(move |_: MouseEvent| {
            if !adopted {
                adopt.emit(id.clone())
            }
        })
    };
    html! {
        <li class="suggested" data-testid={format!("library-{}", action.id)}>
            <h2>{ action.title.clone() }</h2>
            <p class="meta">{ msg::action_meta(&domain_title(instrument, &action.domain), &action.effort, &action.horizon) }</p>
            <p><strong>{ msg::SUITS_LEVELS }</strong>{ format!(" {}", msg::and_list(&levels)) }</p>
            if !action.detail.is_empty() { <p>{ action.detail.clone() }</p> }
            if !action.why.is_empty() { <p><strong>{ msg::WHY_IT_WORKS }</strong>{ format!(" {}", action.why) }</p> }
            if !action.signs.is_empty() { <p><strong>{ msg::SIGNS }</strong>{ format!(" {}", plain_text(instrument, &action.signs)) }</p> }
            if !first_when.is_empty() {
                <p class="conditions-lead"><strong>{ msg::COMES_FIRST }</strong></p>
                <ul class="conditions">
                    for line in first_when { <li>{ line }</li> }
                </ul>
            }
            if !fits_here.is_empty() {
                <p class="fits-here"><strong>{ msg::FITS_HERE }</strong>{ format!(" {}.", msg::and_list(&fits_here)) }</p>
            }
            <button type="button" class="button button-secondary" onclick={on_adopt}
                aria-disabled={adopted.then_some("true")}>
                { if adopted { msg::ON_THE_PLAN.to_string() } else { msg::adopt_action(&action.title) } }
            </button>
        </li>
    }
}

/// "a quick win" as an option: "A quick win".
fn capitalised(words: &str) -> String {
    let mut chars = words.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}
