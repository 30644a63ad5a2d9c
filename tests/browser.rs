//! Browser component tests: the real app and components in headless Chromium, through
//! wasm-bindgen-test. Run with `cargo test --target wasm32-unknown-unknown --test browser`.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use trellis::app::{App, Entry, Full, Respondent};
use trellis::browser::storage::{DAMAGED_PREFIX, KEY};
use trellis::components::question::QuestionProps;
use trellis::components::{Choice, Question};
use trellis::messages as msg;
use trellis::route::Route;
use trellis_core::format::{Answer, Workspace};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement, Storage};
use yew::{AppHandle, Callback};

wasm_bindgen_test_configure!(run_in_browser);

fn window() -> web_sys::Window {
    web_sys::window().expect("a window")
}

fn storage() -> Storage {
    window()
        .local_storage()
        .expect("storage access")
        .expect("localStorage")
}

/// Removes every Trellis key, so each test starts from a known browser.
fn clear_storage() {
    let s = storage();
    let keys: Vec<String> = (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .collect();
    for k in keys.iter().filter(|k| k.starts_with("trellis.")) {
        s.remove_item(k).expect("remove key");
    }
}

fn trellis_keys() -> Vec<String> {
    let s = storage();
    let mut keys: Vec<String> = (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with("trellis."))
        .collect();
    keys.sort();
    keys
}

/// A mounted app (or component) that is removed from the page when dropped.
struct Mounted<C: yew::BaseComponent> {
    root: Element,
    handle: Option<AppHandle<C>>,
}

impl<C: yew::BaseComponent> Drop for Mounted<C> {
    fn drop(&mut self) {
        if let Some(h) = self.handle.take() {
            h.destroy();
        }
        self.root.remove();
    }
}

impl<C: yew::BaseComponent> Mounted<C> {
    fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).expect("valid selector")
    }

    fn get<T: JsCast>(&self, selector: &str) -> T {
        self.find(selector)
            .unwrap_or_else(|| panic!("no element matches {selector}: {}", self.root.inner_html()))
            .dyn_into::<T>()
            .unwrap_or_else(|_| panic!("{selector} has an unexpected type"))
    }

    fn text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }
}

fn new_root() -> Element {
    let document = window().document().expect("document");
    let root = document.create_element("div").expect("div");
    document
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    root
}

/// Starts the whole app at a route, as a fresh page load would.
async fn mount_app(route: &str) -> Mounted<App<Full>> {
    mount_entry::<Full>(route).await
}

/// Starts one entry of the site (the app, or the respondent's entry) at a route.
async fn mount_entry<E: Entry>(route: &str) -> Mounted<App<E>> {
    trellis::route::set_surface(E::SURFACE);
    window().location().set_hash(route).expect("set hash");
    let root = new_root();
    let handle = yew::Renderer::<App<E>>::with_root(root.clone()).render();
    settle().await;
    Mounted {
        root,
        handle: Some(handle),
    }
}

/// Lets Yew render everything pending, including effects and route changes.
async fn settle() {
    for _ in 0..3 {
        yew::scheduler::flush().await;
        let promise = js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL);
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

fn change<T: JsCast + AsRef<web_sys::EventTarget>>(element: &T) {
    let event = web_sys::Event::new("change").expect("event");
    AsRef::<web_sys::EventTarget>::as_ref(element)
        .dispatch_event(&event)
        .expect("dispatch");
}

#[wasm_bindgen_test]
async fn a_fresh_browser_shows_the_empty_home_page() {
    clear_storage();
    let app = mount_app("#/").await;
    assert!(
        app.find("[data-testid=no-collaborations]").is_some(),
        "{}",
        app.text()
    );
    assert!(app.find("[data-testid=storage-notice]").is_none());
    assert!(
        trellis_keys().is_empty(),
        "nothing is written before anything changes"
    );
}

#[wasm_bindgen_test]
async fn creating_a_collaboration_saves_it_to_storage() {
    clear_storage();
    let app = mount_app("#/new").await;
    let name: HtmlInputElement = app.get("#collaboration-name");
    name.set_value("Riverside mental health alliance");
    change(&name);
    let partners: HtmlTextAreaElement = app.get("#partners");
    partners.set_value("Riverside NHS Trust\nRiverside Council\nMind in Riverside");
    change(&partners);
    settle().await;
    app.get::<HtmlElement>("button[type=submit]").click();
    settle().await;
    assert!(
        app.text().contains("Riverside mental health alliance"),
        "{}",
        app.text()
    );
    let saved = storage().get_item(KEY).expect("read").expect("workspace saved");
    let ws = Workspace::from_json(&saved).expect("saved workspace reads back");
    assert_eq!(ws.collaborations.len(), 1);
    assert_eq!(ws.collaborations[0].partners.len(), 3);
    assert_eq!(ws.collaborations[0].rounds.len(), 1);
}

#[wasm_bindgen_test]
async fn damaged_storage_is_kept_aside_and_explained() {
    clear_storage();
    storage()
        .set_item(KEY, "{\"schema\": 1, \"collaborations\": [oops")
        .expect("plant");
    let app = mount_app("#/").await;
    let notice = app.find("[data-testid=storage-notice]").expect("a notice");
    assert!(
        notice.text_content().unwrap_or_default().contains("kept a copy"),
        "{}",
        app.text()
    );
    let side: Vec<String> = trellis_keys()
        .into_iter()
        .filter(|k| k.starts_with(DAMAGED_PREFIX))
        .collect();
    assert_eq!(side.len(), 1, "{:?}", trellis_keys());
    assert_eq!(
        storage().get_item(&side[0]).expect("read").as_deref(),
        Some("{\"schema\": 1, \"collaborations\": [oops")
    );
}

#[wasm_bindgen_test]
async fn data_from_a_newer_version_is_never_overwritten() {
    clear_storage();
    let newer = "{\"schema\": 99, \"future\": true}";
    storage().set_item(KEY, newer).expect("plant");
    let app = mount_app("#/new").await;
    assert!(app.text().contains("newer version of Trellis"), "{}", app.text());
    let name: HtmlInputElement = app.get("#collaboration-name");
    name.set_value("Anything");
    change(&name);
    let partners: HtmlTextAreaElement = app.get("#partners");
    partners.set_value("A\nB");
    change(&partners);
    settle().await;
    app.get::<HtmlElement>("button[type=submit]").click();
    settle().await;
    assert!(
        app.text().contains("Anything"),
        "the app keeps working in memory: {}",
        app.text()
    );
    assert_eq!(storage().get_item(KEY).expect("read").as_deref(), Some(newer));
}

#[wasm_bindgen_test]
async fn choosing_an_answer_reports_it() {
    let chosen = Rc::new(RefCell::new(Vec::new()));
    let record = chosen.clone();
    let props = QuestionProps {
        id: "trust.talk".into(),
        number: 1,
        text: "We talk often.".into(),
        choices: Rc::new(vec![
            Choice {
                answer: Answer::Scale(1),
                label: "Strongly disagree".into(),
            },
            Choice {
                answer: Answer::Scale(2),
                label: "Disagree".into(),
            },
            Choice {
                answer: Answer::DontKnow,
                label: "Don't know".into(),
            },
        ]),
        selected: None,
        comment: "".into(),
        on_answer: Callback::from(move |a| record.borrow_mut().push(a)),
        on_comment: Callback::noop(),
    };
    let root = new_root();
    let handle = yew::Renderer::<Question>::with_root_and_props(root.clone(), props).render();
    settle().await;
    let view = Mounted {
        root,
        handle: Some(handle),
    };
    view.get::<HtmlElement>("label[for='answer-trust.talk-2']")
        .click();
    settle().await;
    view.get::<HtmlElement>("#answer-trust\\.talk-dk").click();
    settle().await;
    assert_eq!(
        *chosen.borrow(),
        vec![Some(Answer::Scale(2)), Some(Answer::DontKnow)]
    );
}

#[wasm_bindgen_test]
async fn a_full_storage_is_reported_and_the_app_keeps_working() {
    clear_storage();
    let app = mount_app("#/new").await;
    // Fill the origin's storage quota with filler keys, largest chunks first.
    let s = storage();
    let mut filler = 0;
    let mut chunk = "x".repeat(1 << 20);
    while chunk.len() >= 16 {
        if s.set_item(&format!("trellis.filler.{filler}"), &chunk).is_ok() {
            filler += 1;
        } else {
            chunk.truncate(chunk.len() / 2);
        }
    }
    let name: HtmlInputElement = app.get("#collaboration-name");
    name.set_value("Coastal care network");
    change(&name);
    let partners: HtmlTextAreaElement = app.get("#partners");
    partners.set_value("Coastal Hospice\nCoastal GP federation");
    change(&partners);
    settle().await;
    app.get::<HtmlElement>("button[type=submit]").click();
    settle().await;
    let text = app.text();
    assert!(text.contains("Your latest changes could not be saved"), "{text}");
    assert!(
        text.contains("Coastal care network"),
        "the change is kept in the page: {text}"
    );
    assert_eq!(s.get_item(KEY).expect("read"), None, "nothing half-written");
    clear_storage();
}

#[wasm_bindgen_test]
fn the_panic_page_explains_in_words_and_shows_details_as_text() {
    let root = new_root();
    root.set_inner_html("<p>the app was here</p>");
    trellis::browser::panic::show_in(&root, "boom <script>alert(1)</script>");
    assert!(
        !root.inner_html().contains("the app was here"),
        "the broken page is replaced"
    );
    let page = root
        .query_selector("[data-testid=panic-page]")
        .expect("selector")
        .expect("panic page shown");
    let text = page.text_content().unwrap_or_default();
    assert!(text.contains("Sorry, Trellis has stopped working"), "{text}");
    assert!(text.contains("Your answers were saved"), "{text}");
    assert!(text.contains("boom <script>alert(1)</script>"), "{text}");
    assert!(
        page.query_selector("script").expect("selector").is_none(),
        "details are text, not markup"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn passphrase_sealing_round_trips_and_detects_a_wrong_passphrase() {
    use trellis::browser::crypto::{open, seal, CryptoError};
    let sealed = seal("correct horse battery", b"TRELLIS1-abc")
        .await
        .expect("sealed");
    assert_eq!((sealed.salt.len(), sealed.iv.len()), (16, 12));
    assert_ne!(sealed.ciphertext, b"TRELLIS1-abc".to_vec());
    assert_eq!(
        open("correct horse battery", &sealed).await,
        Ok(b"TRELLIS1-abc".to_vec())
    );
    assert_eq!(
        open("wrong horse", &sealed).await,
        Err(CryptoError::WrongPassphrase)
    );
    let mut tampered = sealed.clone();
    tampered.ciphertext[0] ^= 1;
    assert_eq!(
        open("correct horse battery", &tampered).await,
        Err(CryptoError::WrongPassphrase)
    );
}

/// Every route of the app, with ids that exist in the example collaboration. The match
/// makes this fail to compile when a route is added and not listed here.
fn every_route(collaboration: &str, round: &str, invitation: &str) -> Vec<Route> {
    let (c, r) = (collaboration.to_string(), round.to_string());
    let routes = vec![
        Route::Home,
        Route::Facilitator,
        Route::NewCollaboration,
        Route::Collaboration { id: c.clone() },
        Route::Context { id: c.clone() },
        Route::About,
        Route::Data,
        Route::Compare,
        Route::AnswerStart { id: r.clone() },
        Route::AnswerStep {
            id: r.clone(),
            step: 1,
        },
        Route::Join {
            code: invitation.to_string(),
        },
        Route::Invite { id: r.clone() },
        Route::Import { id: r.clone() },
        Route::Sent { id: r.clone() },
        Route::Consensus { id: r.clone() },
        Route::Kiosk { id: r.clone() },
        Route::Results { id: r.clone() },
        Route::Plan { id: r.clone() },
        Route::Library { id: r.clone() },
        Route::Report { id: r.clone() },
        Route::Statements { id: r.clone() },
        Route::Export { id: r },
        Route::Progress { id: c },
        Route::NotFound,
    ];
    for route in &routes {
        match route {
            Route::Home
            | Route::Facilitator
            | Route::NewCollaboration
            | Route::Collaboration { .. }
            | Route::Context { .. }
            | Route::About
            | Route::Data
            | Route::Compare
            | Route::AnswerStart { .. }
            | Route::AnswerStep { .. }
            | Route::Join { .. }
            | Route::Invite { .. }
            | Route::Import { .. }
            | Route::Sent { .. }
            | Route::Consensus { .. }
            | Route::Kiosk { .. }
            | Route::Results { .. }
            | Route::Plan { .. }
            | Route::Library { .. }
            | Route::Report { .. }
            | Route::Statements { .. }
            | Route::Export { .. }
            | Route::Progress { .. }
            | Route::NotFound => {}
        }
    }
    routes
}

/// Stores the fictional example collaboration and returns the ids and invitation text
/// of its latest round.
fn plant_example() -> (String, String, String) {
    use trellis_core::format::transfer::InvitationFile;
    let catalogue = trellis_core::Catalogue::shipped().expect("the shipped catalogue");
    let instrument = catalogue
        .latest(trellis_core::catalogue::DEFAULT_INSTRUMENT)
        .expect("the default instrument");
    let mut ws = Workspace::default();
    let collaboration = trellis_core::example::add_example(
        &mut ws,
        instrument,
        trellis_core::example::SEED,
        "2026-11-30",
        trellis_core::format::Timestamp(1_790_000_000_000),
    )
    .expect("the example");
    let c = ws
        .collaboration(&collaboration)
        .expect("the example collaboration");
    let round = c.rounds.last().expect("a round");
    let invitation = trellis_core::transfer::encode_invitation(&InvitationFile {
        format: trellis_core::format::INVITATION_FORMAT,
        round_id: round.id.clone(),
        round_name: round.name.clone(),
        date: round.date.clone(),
        collaboration_id: c.id.clone(),
        collaboration: c.name.clone(),
        partners: c.partners.clone(),
        instrument: round.instrument_id.clone(),
        version: round.instrument_version.clone(),
        mode: round.mode.clone(),
        contact: None,
        partner_map: round.partner_map,
    });
    let round = round.id.clone();
    storage().set_item(KEY, &ws.to_json()).expect("store the example");
    (collaboration, round, invitation)
}

/// The main heading an entry shows, once it has rendered.
fn heading<C: yew::BaseComponent>(app: &Mounted<C>) -> String {
    app.find("main h1")
        .and_then(|h| h.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn every_route_renders_its_own_page_in_the_app() {
    clear_storage();
    let (collaboration, round, invitation) = plant_example();
    for route in every_route(&collaboration, &round, &invitation) {
        let app = mount_app(&format!("#{}", route.path())).await;
        let title = heading(&app);
        assert!(!title.is_empty(), "{route:?} shows no heading: {}", app.text());
        assert_ne!(title, msg::OPENING, "{route:?} was handed elsewhere");
        if route != Route::NotFound {
            assert_ne!(title, msg::NOT_FOUND_TITLE, "{route:?}: {}", app.text());
        }
        // A facilitator's browser: the header offers the tools everywhere but on the
        // answering pages.
        assert_eq!(
            app.find("header nav").is_some(),
            !route.is_respondent(),
            "{route:?}"
        );
    }
    trellis::route::set_surface(Full::SURFACE);
    clear_storage();
}

#[wasm_bindgen_test]
async fn the_respondents_entry_renders_every_answering_route() {
    clear_storage();
    let (collaboration, round, invitation) = plant_example();
    let routes = every_route(&collaboration, &round, &invitation);
    assert_eq!(routes.iter().filter(|r| r.is_respondent()).count(), 5);
    // Only the answering routes: any other is handed to the app with a page load.
    for route in routes.into_iter().filter(Route::is_respondent) {
        let app = mount_entry::<Respondent>(&format!("#{}", route.path())).await;
        let title = heading(&app);
        assert!(!title.is_empty(), "{route:?} shows no heading: {}", app.text());
        assert_ne!(title, msg::OPENING, "{route:?} was handed elsewhere");
        assert_ne!(title, msg::NOT_FOUND_TITLE, "{route:?}: {}", app.text());
        assert!(app.find("header nav").is_none(), "{route:?}");
    }
    trellis::route::set_surface(Full::SURFACE);
    clear_storage();
}

/// Stores what a respondent's browser holds after opening an invitation (with `contact`
/// as the address to send to) and finishing one set of answers; returns the round's id.
fn plant_answered(contact: Option<&str>) -> String {
    use trellis_core::command::Command;
    use trellis_core::format::transfer::InvitationFile;
    use trellis_core::format::{Partner, RoleCategory, Timestamp};
    let catalogue = trellis_core::Catalogue::shipped().expect("the shipped catalogue");
    let instrument = catalogue
        .latest(trellis_core::catalogue::DEFAULT_INSTRUMENT)
        .expect("the default instrument");
    let partner = |id: &str, name: &str| Partner {
        id: id.into(),
        name: name.into(),
    };
    let invitation = InvitationFile {
        format: trellis_core::format::INVITATION_FORMAT,
        round_id: "r-invited".into(),
        round_name: "Spring round".into(),
        date: "2026-11-30".into(),
        collaboration_id: "c-invited".into(),
        collaboration: "Harbour care alliance".into(),
        partners: vec![partner("p1", "Harbour Trust"), partner("p2", "Harbour Council")],
        instrument: instrument.id().to_string(),
        version: instrument.version().to_string(),
        mode: "readiness".into(),
        contact: contact.map(str::to_string),
        partner_map: false,
    };
    let now = Timestamp(1_790_000_000_000);
    let mut ws = Workspace::default();
    for command in [
        Command::AcceptInvitation { invitation, now },
        Command::StartResponse {
            round: "r-invited".into(),
            organisation: "p1".into(),
            role: RoleCategory::Manager,
            id: "mine".into(),
            now,
        },
        Command::Submit {
            response: "mine".into(),
            now,
        },
    ] {
        ws.apply(&catalogue, command).expect("a respondent's step");
    }
    storage()
        .set_item(KEY, &ws.to_json())
        .expect("store the workspace");
    "r-invited".into()
}

#[wasm_bindgen_test]
async fn a_browser_that_only_answered_starts_on_its_answers_and_the_tools_are_one_link_away() {
    clear_storage();
    let round = plant_answered(None);
    let app = mount_app("#/").await;
    assert_eq!(heading(&app), msg::YOUR_ANSWERS_TITLE, "{}", app.text());
    assert!(app.find("header nav").is_none(), "{}", app.text());
    assert!(app.find("[data-testid=add-example]").is_none());
    let answers = app.get::<Element>("[data-testid=your-answers]");
    let text = answers.text_content().unwrap_or_default();
    assert!(text.contains("Harbour care alliance: Spring round"), "{text}");
    assert!(text.contains(msg::FINISHED_HERE), "{text}");
    let again = app.get::<Element>("[data-testid=your-answers] a");
    assert_eq!(
        again.get_attribute("href").as_deref(),
        Some(format!("#/round/{round}/sent").as_str())
    );
    // The deliberate step: the facilitator's start page, tools and header included.
    let facilitator = app.get::<HtmlElement>(".facilitator-way a");
    assert_eq!(facilitator.text_content().as_deref(), Some(msg::I_AM_FACILITATOR));
    facilitator.click();
    settle().await;
    assert_eq!(heading(&app), msg::HOME_TITLE);
    assert!(app.find("header nav").is_some());
    assert!(app.find("[data-testid=add-example]").is_some());
    assert!(app.find("[data-testid=collaborations]").is_some());
    clear_storage();
}

#[wasm_bindgen_test]
async fn the_send_page_puts_the_email_first_when_the_invitation_named_an_address() {
    clear_storage();
    let round = plant_answered(Some("lead@harbour.example"));
    let app = mount_entry::<Respondent>(&format!("#/round/{round}/sent")).await;
    assert_eq!(heading(&app), msg::SEND_BACK_TITLE);
    let first = app.get::<Element>("main .button");
    assert_eq!(first.text_content().as_deref(), Some(msg::EMAIL_ANSWERS));
    assert!(first
        .get_attribute("href")
        .unwrap_or_default()
        .starts_with("mailto:lead@harbour.example?"));
    assert_eq!(first.class_name(), "button", "the main action");
    // The others are the alternatives below it; no thanks before anything was sent.
    let download = app.get::<Element>("main button.button");
    assert_eq!(download.text_content().as_deref(), Some(msg::DOWNLOAD_FILE));
    assert!(download.class_name().contains("button-secondary"));
    assert!(!app.text().contains("Thank you"), "{}", app.text());
    // Opening the email is confirmed beside the button.
    let status = app.get::<Element>("[data-testid=email-status]");
    assert_eq!(status.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(status.text_content().as_deref(), Some(""));
    clear_storage();
}

/// `read_xlsx` against a stand-in for `window.trellisReadXlsx` (static/boot.js), which
/// answers as static/xlsx.js does; the real reader is tried by tests/e2e/xlsx.spec.js.
#[wasm_bindgen_test]
async fn read_xlsx_turns_the_readers_answers_into_rows_or_words() {
    use trellis::browser::xlsx::read_xlsx;
    let name = wasm_bindgen::JsValue::from_str("trellisReadXlsx");
    let stand_in = |body: &str| {
        let f = js_sys::Function::new_with_args("bytes", body);
        js_sys::Reflect::set(&window(), &name, &f).expect("set the stand-in");
    };
    let _ = js_sys::Reflect::delete_property(&window(), &name);
    assert_eq!(read_xlsx(vec![1]).await, Err(msg::xlsx_error("NoWorker", "")));

    // The bytes arrive as a Uint8Array; the rows come back as arrays of strings.
    stand_in("return Promise.resolve(['ok', [['ID', 'Role'], [String(bytes.length), 'GP']]]);");
    let rows = read_xlsx(vec![7, 8, 9]).await.expect("rows");
    assert_eq!(rows, vec![vec!["ID", "Role"], vec!["3", "GP"]]);

    stand_in("return Promise.resolve(['error', 'BadCell', 'C7']);");
    assert_eq!(read_xlsx(vec![1]).await, Err("cell C7 is damaged".to_string()));
    stand_in("return Promise.reject(new TypeError('offline'));");
    assert_eq!(read_xlsx(vec![1]).await, Err(msg::xlsx_error("NoWorker", "")));
    let _ = js_sys::Reflect::delete_property(&window(), &name);
}
