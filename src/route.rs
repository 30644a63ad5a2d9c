//! The app's routes. Hash routing keeps deep links working from any folder of any host.
//!
//! A small router of our own (yew-router and its history, recogniser and serialisation
//! crates cost about 7 KB of the compressed bundle): [`Route::recognize`] reads a path,
//! [`Route::path`] writes one, [`use_route`] re-renders on every change of address, and
//! [`Link`] is a real `<a href="#/...">` that moves in place on a plain click.

use std::cell::Cell;
use std::fmt::Write as _;

use yew::prelude::*;

use crate::browser::location;

#[derive(Debug, Clone, PartialEq)]
pub enum Route {
    /// `/`
    Home,
    /// `/facilitator`: the start page with the facilitator's tools, whatever this browser
    /// holds. (`/` shows a respondent's start page in a browser that has only answered.)
    Facilitator,
    /// `/new`
    NewCollaboration,
    /// `/collaboration/:id`
    Collaboration { id: String },
    /// `/collaboration/:id/context`
    Context { id: String },
    /// `/about`
    About,
    /// `/data`: back up, restore, storage, damaged copies.
    Data,
    /// `/compare`: many collaborations side by side, from summary files opened here.
    Compare,
    /// `/round/:id/answer`
    AnswerStart { id: String },
    /// `/round/:id/answer/:step`: step 1..=n is a domain; n + 1 is the review page.
    AnswerStep { id: String, step: usize },
    /// `/join/:code`
    Join { code: String },
    /// `/round/:id/invite`
    Invite { id: String },
    /// `/round/:id/import`
    Import { id: String },
    /// `/round/:id/sent`
    Sent { id: String },
    /// `/round/:id/consensus`
    Consensus { id: String },
    /// `/round/:id/kiosk`
    Kiosk { id: String },
    /// `/round/:id/results`
    Results { id: String },
    /// `/round/:id/plan`
    Plan { id: String },
    /// `/round/:id/actions`: every action of the instrument, each addable to the plan.
    Library { id: String },
    /// `/round/:id/report`
    Report { id: String },
    /// `/round/:id/statements`
    Statements { id: String },
    /// `/round/:id/export`: the round's answers, scores and summary as files.
    Export { id: String },
    /// `/collaboration/:id/progress`
    Progress { id: String },
    /// `/not-found`, and any path that is not one of the above.
    NotFound,
}

/// The two entries of the built site. The app (`index.html`) renders every route; the
/// respondent's entry (`answer.html`, what an invitation link opens) is a smaller bundle
/// of the answering routes only, so a respondent on a phone never downloads the
/// facilitator's tools (docs/perf.md has the figures behind keeping it). Both read and
/// write the same storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    /// Everything: setting up, answering, results, plan, reports, imports, your data.
    App,
    /// Joining from an invitation link, answering, sending, workshop sessions.
    Respondent,
}

impl Surface {
    /// The entry's file, beside the other in the same folder.
    pub fn page(self) -> &'static str {
        match self {
            Surface::App => "index.html",
            Surface::Respondent => "answer.html",
        }
    }

    /// Whether this entry renders `route` itself; the respondent's entry hands every
    /// other route to the app.
    pub fn shows(self, route: &Route) -> bool {
        self == Surface::App || route.is_respondent()
    }
}

thread_local! {
    static CURRENT: Cell<Surface> = const { Cell::new(Surface::App) };
}

/// Records which entry this bundle is (set once by `start`).
pub fn set_surface(surface: Surface) {
    CURRENT.with(|c| c.set(surface));
}

/// The entry this bundle is.
pub fn surface() -> Surface {
    CURRENT.with(Cell::get)
}

/// A path segment as a route parameter: percent-decoded, never empty.
fn param(segment: &str) -> Option<String> {
    if segment.is_empty() {
        return None;
    }
    urlencoding::decode(segment).ok().map(|s| s.into_owned())
}

impl Route {
    /// Whether this is part of a respondent's journey, which the respondent's entry
    /// (`answer.html`) renders as well as the app.
    pub fn is_respondent(&self) -> bool {
        matches!(
            self,
            Route::Join { .. }
                | Route::AnswerStart { .. }
                | Route::AnswerStep { .. }
                | Route::Sent { .. }
                | Route::Kiosk { .. }
        )
    }

    /// The address of this route relative to the current page: `#/path` when this entry
    /// shows it, `index.html#/path` from the respondent's entry otherwise.
    pub fn href(&self) -> String {
        if surface().shows(self) {
            format!("#{}", self.path())
        } else {
            // The query (such as `?embed=1`) goes along to the app.
            format!("{}{}#{}", Surface::App.page(), location::query(), self.path())
        }
    }

    /// The route for a path such as `/round/x/answer/2`; a trailing slash is ignored.
    pub fn recognize(path: &str) -> Route {
        let path = path.strip_suffix('/').unwrap_or(path);
        let segments: Vec<&str> = path.split('/').collect();
        let route = match segments.as_slice() {
            [""] => Some(Route::Home),
            ["", "new"] => Some(Route::NewCollaboration),
            ["", "facilitator"] => Some(Route::Facilitator),
            ["", "about"] => Some(Route::About),
            ["", "data"] => Some(Route::Data),
            ["", "compare"] => Some(Route::Compare),
            ["", "collaboration", id] => param(id).map(|id| Route::Collaboration { id }),
            ["", "collaboration", id, "context"] => param(id).map(|id| Route::Context { id }),
            ["", "collaboration", id, "progress"] => param(id).map(|id| Route::Progress { id }),
            ["", "join", code] => param(code).map(|code| Route::Join { code }),
            ["", "round", id, "answer", step] => param(id).and_then(|id| {
                let step = param(step)?.parse().ok()?;
                Some(Route::AnswerStep { id, step })
            }),
            ["", "round", id, page] => param(id).and_then(|id| match *page {
                "answer" => Some(Route::AnswerStart { id }),
                "invite" => Some(Route::Invite { id }),
                "import" => Some(Route::Import { id }),
                "sent" => Some(Route::Sent { id }),
                "consensus" => Some(Route::Consensus { id }),
                "kiosk" => Some(Route::Kiosk { id }),
                "results" => Some(Route::Results { id }),
                "plan" => Some(Route::Plan { id }),
                "actions" => Some(Route::Library { id }),
                "report" => Some(Route::Report { id }),
                "statements" => Some(Route::Statements { id }),
                "export" => Some(Route::Export { id }),
                _ => None,
            }),
            _ => None,
        };
        route.unwrap_or(Route::NotFound)
    }

    /// The path of this route, parameters percent-encoded.
    pub fn path(&self) -> String {
        let (prefix, id, suffix) = match self {
            Route::Home => ("/", "", ""),
            Route::NewCollaboration => ("/new", "", ""),
            Route::Facilitator => ("/facilitator", "", ""),
            Route::About => ("/about", "", ""),
            Route::Data => ("/data", "", ""),
            Route::Compare => ("/compare", "", ""),
            Route::NotFound => ("/not-found", "", ""),
            Route::Collaboration { id } => ("/collaboration/", id.as_str(), ""),
            Route::Context { id } => ("/collaboration/", id.as_str(), "/context"),
            Route::Join { code } => ("/join/", code.as_str(), ""),
            Route::AnswerStart { id } | Route::AnswerStep { id, .. } => ("/round/", id.as_str(), "/answer"),
            Route::Invite { id } => ("/round/", id.as_str(), "/invite"),
            Route::Import { id } => ("/round/", id.as_str(), "/import"),
            Route::Sent { id } => ("/round/", id.as_str(), "/sent"),
            Route::Consensus { id } => ("/round/", id.as_str(), "/consensus"),
            Route::Kiosk { id } => ("/round/", id.as_str(), "/kiosk"),
            Route::Results { id } => ("/round/", id.as_str(), "/results"),
            Route::Plan { id } => ("/round/", id.as_str(), "/plan"),
            Route::Library { id } => ("/round/", id.as_str(), "/actions"),
            Route::Report { id } => ("/round/", id.as_str(), "/report"),
            Route::Statements { id } => ("/round/", id.as_str(), "/statements"),
            Route::Export { id } => ("/round/", id.as_str(), "/export"),
            Route::Progress { id } => ("/collaboration/", id.as_str(), "/progress"),
        };
        let mut path = format!("{prefix}{}{suffix}", urlencoding::encode(id));
        if let Route::AnswerStep { step, .. } = self {
            let _ = write!(path, "/{step}");
        }
        path
    }
}

/// Moves to `route`, as a click on a link to it does: in place, or (from the
/// respondent's entry to a facilitator's route) by loading the app.
pub fn navigate(route: &Route) {
    if surface().shows(route) {
        location::push(&route.path());
    } else {
        location::assign(&route.href());
    }
}

/// The current route; the component re-renders whenever the address changes.
#[hook]
pub fn use_route() -> Route {
    let route = use_state(|| {
        location::ensure_route();
        Route::recognize(&location::route_path())
    });
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = location::listen(move || route.set(Route::recognize(&location::route_path())));
            move || drop(listener)
        });
    }
    (*route).clone()
}

#[derive(Properties, PartialEq)]
pub struct LinkProps {
    pub to: Route,
    #[prop_or_default]
    pub classes: Classes,
    #[prop_or_default]
    pub children: Html,
}

/// A link to a route. A plain click moves in place; with a modifier key (new tab,
/// new window) the browser handles the `href` itself.
#[component]
pub fn Link(props: &LinkProps) -> Html {
    let onclick = {
        let to = props.to.clone();
        Callback::from(move |e: MouseEvent| {
            if e.meta_key() || e.ctrl_key() || e.shift_key() || e.alt_key() || !surface().shows(&to) {
                return;
            }
            e.prevent_default();
            navigate(&to);
        })
    };
    html! {
        <a class={props.classes.clone()} href={props.to.href()} {onclick}>
            { props.children.clone() }
        </a>
    }
}
