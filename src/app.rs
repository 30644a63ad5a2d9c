//! The root component: loads the catalogue and storage, provides state, routes, saves.

use std::rc::Rc;

use trellis_core::command::Command;
use trellis_core::format::Workspace;
use trellis_core::Catalogue;
use yew::prelude::*;

use crate::browser;
use crate::components::{StorageFilling, StorageNotice};
use crate::messages as msg;
use crate::pages::{
    About, AnswerStart, AnswerStep, CollaborationPage, ComparePage, ConsensusPage, ContextPage, DataPage,
    ExportPage, Home, ImportPage, InvitePage, JoinPage, KioskPage, LibraryPage, NewCollaborationPage,
    NotFound, PlanPage, ProgressPage, ReportPage, Results, SentPage, StatementsPage,
};
use crate::route::{use_route, Link, Route, Surface};
use crate::state::{Action, AppHandle, AppState, Apply};

/// What one entry of the site renders: the app renders every route; the respondent's
/// entry renders the answering journey and hands the rest to the app. A type parameter
/// rather than a value, so that each bundle is compiled with its own route switch and
/// the respondent's bundle carries none of the facilitator's pages.
pub trait Entry: 'static {
    /// Which entry this is (see [`Surface`]).
    const SURFACE: Surface;
    /// How this entry carries out workspace commands (see [`AppState::apply`]).
    const APPLY: Apply;
    /// The page for a route.
    fn render(route: Route) -> Html;
}

/// The app (`index.html`): every route.
pub struct Full;

impl Entry for Full {
    const SURFACE: Surface = Surface::App;
    const APPLY: Apply = Workspace::apply;
    fn render(route: Route) -> Html {
        switch(route)
    }
}

/// The respondent's entry (`answer.html`): the answering journey only.
pub struct Respondent;

impl Entry for Respondent {
    const SURFACE: Surface = Surface::Respondent;
    const APPLY: Apply = Workspace::apply_answering;
    fn render(route: Route) -> Html {
        if route.is_respondent() {
            respondent_pages(route)
        } else {
            html! { <Elsewhere route={route} /> }
        }
    }
}

#[component]
pub fn App<E: Entry>() -> Html {
    // build.rs checks every shipped questionnaire and stops the build if one is wrong,
    // so this cannot fail in a released app; if it ever did, the panic page explains.
    let catalogue = use_memo((), |_| match Catalogue::shipped() {
        Ok(catalogue) => Rc::new(catalogue),
        Err((file, _)) => panic!("the shipped questionnaire {file} could not be read"),
    });
    html! { <Loaded<E> catalogue={(*catalogue).clone()} /> }
}

#[derive(Properties, PartialEq)]
struct LoadedProps {
    catalogue: Rc<Catalogue>,
}

#[component]
fn Loaded<E: Entry>(props: &LoadedProps) -> Html {
    let state = use_reducer(|| {
        let loaded = browser::storage::load();
        let units = loaded.units;
        let mut state = AppState::new(
            E::APPLY,
            (*props.catalogue).clone(),
            loaded.workspace,
            loaded.writable,
            loaded.problem,
            browser::storage::load_kiosk(),
            loaded.migrated,
        );
        state.stored_units = units;
        state
    });
    // The one place that persists: after every change to the workspace, save it whole.
    {
        let state = state.clone();
        use_effect_with(state.revision, move |revision| {
            if *revision > 0 && state.writable {
                // Another tab wrote since: take in what it added first (record by record,
                // newest wins, deletions kept), so neither tab's changes are lost.
                let saved = match browser::storage::written_elsewhere() {
                    Ok(Some(theirs)) => {
                        let mut merged = (*state.workspace).clone();
                        merged.merge(theirs.clone());
                        state.dispatch(Action::Command(Command::Merge(Box::new(theirs))));
                        browser::storage::save(&merged)
                    }
                    // The usual case: nothing to take in, so no copy of the workspace.
                    Ok(None) => browser::storage::save(&state.workspace),
                    // Another tab stored data this page cannot read: never write over it.
                    Err(problem) => {
                        state.dispatch(Action::ReadOnly(problem));
                        return;
                    }
                };
                state.dispatch(Action::Saved(saved));
            }
        });
    }
    // Changes made in another tab appear here as they happen.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let listener =
                browser::dom::on_window("storage", move || match browser::storage::written_elsewhere() {
                    Ok(Some(theirs)) => state.dispatch(Action::Command(Command::Merge(Box::new(theirs)))),
                    Ok(None) => {}
                    Err(problem) => state.dispatch(Action::ReadOnly(problem)),
                });
            move || drop(listener)
        });
    }
    // The host's settings: read once; a missing file is normal, a bad one is explained.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(text) = browser::host::fetch_config().await {
                    let (config, problems) = trellis_core::config::read_config(&text, &state.catalogue);
                    let problems = problems.iter().map(msg::config_problem).collect();
                    state.dispatch(Action::Config(Rc::new(config), problems));
                }
            });
        });
    }
    // A workshop session survives reloads; only the facilitator's button ends it.
    use_effect_with(state.kiosk.clone(), |kiosk| {
        let _ = browser::storage::save_kiosk(kiosk.as_deref());
    });
    let handle = AppHandle::new(state.clone());
    html! {
        <ContextProvider<AppHandle> context={handle}>
            <Layout<E>
                undo={state.undo.as_ref().map(|(label, _)| AttrValue::from(label.clone()))}
                on_undo={{ let s = state.clone(); Callback::from(move |undo: bool| s.dispatch(if undo { Action::Undo } else { Action::ForgetUndo })) }}
                problem={state.storage_problem.clone()}
                filling={(E::SURFACE == Surface::App)
                    .then(|| trellis_core::quota::StorageUse::of(state.stored_units))
                    .filter(|u| u.nearly_full())
                    .map(|u| u.percent())}
                kiosk={state.kiosk.is_some()}
                only_answered={E::SURFACE == Surface::App && state.workspace.only_answered()}
                config={state.config.clone()}
                config_problems={state.config_problems.clone()}
            />
        </ContextProvider<AppHandle>>
    }
}

#[derive(Properties, PartialEq)]
struct LayoutProps {
    problem: Option<browser::storage::StorageProblem>,
    /// The share of the browser's storage in use, in percent, once it passes the warning
    /// threshold (`trellis_core::quota::WARN_PERCENT`); the app only.
    filling: Option<usize>,
    /// A workshop session is running: hide navigation that leads to results.
    kiosk: bool,
    /// This browser has only answered (`Workspace::only_answered`; in the app only).
    only_answered: bool,
    config: Rc<trellis_core::config::Config>,
    config_problems: Vec<String>,
    /// What the last deletion removed, while it can be undone.
    undo: Option<AttrValue>,
    on_undo: Callback<bool>,
}

#[component]
fn Layout<E: Entry>(props: &LayoutProps) -> Html {
    let route = use_route();
    // The facilitator's tools are never offered on the answering pages (in either entry),
    // nor on the respondent's own start page of a browser that has only answered, where
    // `Route::Facilitator` is the deliberate step to them.
    let nav = E::SURFACE == Surface::App
        && !props.kiosk
        && !route.is_respondent()
        && (route != Route::Home || !props.only_answered);
    let embedded = use_memo((), |_| browser::host::embedded());
    let update = use_state(browser::offline::update_ready);
    {
        let update = update.clone();
        use_effect_with((), move |_| {
            let heard = update.clone();
            let listener = browser::offline::on_update(move || heard.set(true));
            // A version that arrived before this listener was in place.
            if browser::offline::update_ready() {
                update.set(true);
            }
            move || drop(listener)
        });
    }
    use_effect_with((), |_| browser::dom::mark_started());
    let first = use_mut_ref(|| true);
    use_effect_with(route.clone(), move |_| {
        // Announce a move between sections like a new page, but leave focus alone when
        // the page has just opened (the browser announces that itself).
        if !std::mem::replace(&mut *first.borrow_mut(), false) {
            browser::dom::focus_main_heading();
        }
    });
    html! {
        <>
            if !*embedded {
            <header class="app-header">
                <div class="page header-inner">
                    <div class="brand-row">
                        if props.kiosk {
                            <span class="brand">{ msg::APP_NAME }</span>
                        } else {
                            <Link to={Route::Home} classes="brand">{ msg::APP_NAME }</Link>
                        }
                        if let Some(logo) = props.config.logo.clone() {
                            <img class="host-logo" data-testid="host-logo" src={logo} alt="" />
                        }
                        if let Some(org) = props.config.organisation.clone() {
                            <span class="host-name" data-testid="host-name">{ org }</span>
                        }
                    </div>
                    if nav {
                    <nav aria-label={msg::MAIN_NAV}>
                        <Link to={Route::NewCollaboration}>{ msg::SET_UP_COLLABORATION }</Link>
                        <Link to={Route::About}>{ msg::ABOUT_LINK }</Link>
                    </nav>
                    }
                </div>
            </header>
            }
            <main id="main" class={classes!("page", embedded.then_some("embedded"))}>
                if *update {
                    <div class="notice update-notice" role="status" data-testid="update-ready">
                        <p>{ msg::UPDATE_READY }</p>
                        <button type="button" class="button" onclick={Callback::from(|_: MouseEvent| browser::offline::apply_update())}>{ msg::UPDATE_NOW }</button>
                    </div>
                }
                if let Some(label) = props.undo.clone() {
                    <div class="notice undo-notice" role="status" data-testid="undo">
                        <p>{ msg::deleted_notice(&label) }</p>
                        <button type="button" class="button" onclick={props.on_undo.reform(|_: MouseEvent| true)}>{ msg::UNDO }</button>
                        <button type="button" class="link-button" onclick={props.on_undo.reform(|_: MouseEvent| false)}>{ msg::DISMISS }</button>
                    </div>
                }
                if !props.config_problems.is_empty() {
                    <div class="notice notice-warning" role="status" data-testid="config-problems">
                        <p>{ msg::CONFIG_PROBLEMS }</p>
                        <ul>for p in props.config_problems.iter() { <li>{ p.clone() }</li> }</ul>
                    </div>
                }
                <StorageNotice problem={props.problem.clone()}>
                    if props.problem == Some(browser::storage::StorageProblem::WriteFailed) {
                        <crate::pages::data::BackupButton />
                    }
                </StorageNotice>
                if let (Some(percent), true) = (props.filling, nav && props.problem.is_none()) {
                    <StorageFilling {percent} on_data_page={route == Route::Data} />
                }
                if props.kiosk {
                    <p class="notice" data-testid="kiosk-banner">{ msg::KIOSK_BANNER }</p>
                }
                { E::render(route) }
            </main>
            if !*embedded {
                <footer class="app-footer"><div class="page">{ msg::FOOTER }</div></footer>
            }
        </>
    }
}

/// The one route switch: the page for every route of the app.
pub fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <Home /> },
        Route::Facilitator => html! { <Home full=true /> },
        Route::NewCollaboration => html! { <NewCollaborationPage /> },
        Route::Collaboration { id } => html! { <CollaborationPage id={id} /> },
        Route::Context { id } => html! { <ContextPage id={id} /> },
        Route::Invite { id } => html! { <InvitePage id={id} /> },
        Route::Results { id } => html! { <Results id={id} /> },
        Route::Consensus { id } => html! { <ConsensusPage id={id} /> },
        Route::Plan { id } => html! { <PlanPage id={id} /> },
        Route::Library { id } => html! { <LibraryPage id={id} /> },
        Route::Report { id } => html! { <ReportPage id={id} /> },
        Route::Statements { id } => html! { <StatementsPage id={id} /> },
        Route::Progress { id } => html! { <ProgressPage id={id} /> },
        Route::About => html! { <About /> },
        Route::Import { id } => html! { <ImportPage id={id} /> },
        Route::Data => html! { <DataPage /> },
        Route::Compare => html! { <ComparePage /> },
        Route::Export { id } => html! { <ExportPage id={id} /> },
        Route::NotFound => html! { <NotFound /> },
        Route::Join { .. }
        | Route::AnswerStart { .. }
        | Route::AnswerStep { .. }
        | Route::Sent { .. }
        | Route::Kiosk { .. } => respondent_pages(route),
    }
}

/// The respondent's journey: joining from an invitation, answering, sending, workshops.
/// Part of [`switch`], and all that the respondent's entry renders.
fn respondent_pages(route: Route) -> Html {
    match route {
        Route::AnswerStart { id } => html! { <AnswerStart id={id} /> },
        // Keyed by step so each topic page gets fresh form controls: reusing radio inputs
        // across pages lets the browser's radio-group rules drop a checked state.
        Route::AnswerStep { id, step } => {
            let key = format!("{id}/{step}");
            html! { <AnswerStep {key} {id} {step} /> }
        }
        Route::Join { code } => html! { <JoinPage code={code} /> },
        Route::Sent { id } => html! { <SentPage id={id} /> },
        Route::Kiosk { id } => html! { <KioskPage id={id} /> },
        // Not a respondent's route (`Route::is_respondent`): the app's own switch has it.
        other => html! { <Elsewhere route={other} /> },
    }
}

#[derive(Properties, PartialEq)]
struct ElsewhereProps {
    route: Route,
}

/// A facilitator's route reached on the respondent's entry (a typed address, or a link
/// from an answering page): the app is opened in its place, with a link in case the
/// browser does not follow.
#[component]
fn Elsewhere(props: &ElsewhereProps) -> Html {
    let href = props.route.href();
    use_effect_with(href.clone(), |href| browser::location::replace(href));
    html! {
        <>
            <h1 tabindex="-1">{ msg::OPENING }</h1>
            <p><a href={href}>{ msg::OPEN_PAGE }</a></p>
        </>
    }
}
