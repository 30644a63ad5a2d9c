//! The root component: loads the catalogue and storage, provides state, routes, saves.

use std::rc::Rc;

use trellis_core::Catalogue;
use yew::prelude::*;

use crate::browser;
use crate::components::StorageNotice;
use crate::messages as msg;
use crate::pages::{
    About, AnswerStart, AnswerStep, CollaborationPage, ConsensusPage, ContextPage, Home, ImportPage,
    InvitePage, JoinPage, KioskPage, NewCollaborationPage, NotFound, Results, SentPage,
};
use crate::route::{use_route, Link, Route};
use crate::state::{Action, AppHandle, AppState};

#[component]
pub fn App() -> Html {
    let catalogue = use_memo((), |_| Catalogue::shipped());
    match &*catalogue {
        Ok(catalogue) => html! { <Loaded catalogue={Rc::new(catalogue.clone())} /> },
        Err((file, problems)) => {
            let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
            html! {
                <main id="main" class="page">
                    <h1>{ msg::APP_NAME }</h1>
                    <p role="alert">{ msg::catalogue_broken(file, &problems.join("; ")) }</p>
                </main>
            }
        }
    }
}

#[derive(Properties, PartialEq)]
struct LoadedProps {
    catalogue: Rc<Catalogue>,
}

#[component]
fn Loaded(props: &LoadedProps) -> Html {
    let state = use_reducer(|| {
        let loaded = browser::storage::load();
        AppState::new(
            (*props.catalogue).clone(),
            loaded.workspace,
            loaded.writable,
            loaded.problem,
            browser::storage::load_kiosk(),
        )
    });
    // The one place that persists: after every change to the workspace, save it whole.
    {
        let state = state.clone();
        use_effect_with(state.revision, move |revision| {
            if *revision > 0 && state.writable {
                state.dispatch(Action::Saved(browser::storage::save(&state.workspace)));
            }
        });
    }
    // A workshop session survives reloads; only the facilitator's button ends it.
    use_effect_with(state.kiosk.clone(), |kiosk| {
        let _ = browser::storage::save_kiosk(kiosk.as_deref());
    });
    let handle = AppHandle::new(state.clone());
    html! {
        <ContextProvider<AppHandle> context={handle}>
            <Layout problem={state.storage_problem.clone()} kiosk={state.kiosk.is_some()} />
        </ContextProvider<AppHandle>>
    }
}

#[derive(Properties, PartialEq)]
struct LayoutProps {
    problem: Option<browser::storage::StorageProblem>,
    /// A workshop session is running: hide navigation that leads to results.
    kiosk: bool,
}

#[component]
fn Layout(props: &LayoutProps) -> Html {
    let route = use_route();
    let first = use_mut_ref(|| true);
    use_effect_with(route.clone(), move |_| {
        // Announce navigation like a new page, but leave focus alone on first load.
        if !std::mem::replace(&mut *first.borrow_mut(), false) {
            browser::dom::focus_main_heading();
        }
    });
    html! {
        <>
            <header class="app-header">
                <div class="page header-inner">
                    if props.kiosk {
                        <span class="brand">{ msg::APP_NAME }</span>
                    } else {
                        <Link to={Route::Home} classes="brand">{ msg::APP_NAME }</Link>
                    }
                    if !props.kiosk {
                    <nav aria-label={msg::MAIN_NAV}>
                        <Link to={Route::NewCollaboration}>{ msg::SET_UP_COLLABORATION }</Link>
                        <Link to={Route::About}>{ msg::ABOUT_LINK }</Link>
                    </nav>
                    }
                </div>
            </header>
            <main id="main" class="page">
                <StorageNotice problem={props.problem.clone()} />
                if props.kiosk {
                    <p class="notice" data-testid="kiosk-banner">{ msg::KIOSK_BANNER }</p>
                }
                { switch(route) }
            </main>
            <footer class="app-footer"><div class="page">{ msg::FOOTER }</div></footer>
        </>
    }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <Home /> },
        Route::NewCollaboration => html! { <NewCollaborationPage /> },
        Route::Collaboration { id } => html! { <CollaborationPage id={id} /> },
        Route::Context { id } => html! { <ContextPage id={id} /> },
        Route::About => html! { <About /> },
        Route::AnswerStart { id } => html! { <AnswerStart id={id} /> },
        // Keyed by step so each topic page gets fresh form controls: reusing radio inputs
        // across pages lets the browser's radio-group rules drop a checked state.
        Route::AnswerStep { id, step } => {
            let key = format!("{id}/{step}");
            html! { <AnswerStep {key} {id} {step} /> }
        }
        Route::Join { code } => html! { <JoinPage code={code} /> },
        Route::Invite { id } => html! { <InvitePage id={id} /> },
        Route::Import { id } => html! { <ImportPage id={id} /> },
        Route::Sent { id } => html! { <SentPage id={id} /> },
        Route::Consensus { id } => html! { <ConsensusPage id={id} /> },
        Route::Kiosk { id } => html! { <KioskPage id={id} /> },
        Route::Results { id } => html! { <Results id={id} /> },
        Route::NotFound => html! { <NotFound /> },
    }
}
