//! The host's config.json: valid settings are read, each mistake is named, and a bad
//! field never stops the others from working.

use trellis_core::config::{is_origin, is_web_page, read_config, Config, ConfigProblem, MAX_CONFIG_BYTES};
use trellis_core::Catalogue;

fn read(text: &str) -> (Config, Vec<ConfigProblem>) {
    let catalogue = Catalogue::shipped().expect("catalogue");
    read_config(text, &catalogue)
}

#[test]
fn a_full_valid_file_is_read() {
    let (c, problems) = read(
        r#"{"format": 1, "organisation": " NHS Shire ICB ", "logo": "assets/logo.svg",
            "contact": "alliance@shire.nhs.uk", "instrument": "trellis", "mode": "readiness",
            "host_origin": "https://intranet.shire.nhs.uk/", "share_answers": true}"#,
    );
    assert_eq!(problems, []);
    assert_eq!(c.organisation.as_deref(), Some("NHS Shire ICB"));
    assert_eq!(c.logo.as_deref(), Some("assets/logo.svg"));
    assert_eq!(c.mode.as_deref(), Some("readiness"));
    assert_eq!(c.host_origin.as_deref(), Some("https://intranet.shire.nhs.uk"));
    assert!(c.share_answers);
    assert_eq!(read("{}"), (Config::default(), vec![]));
}

#[test]
fn a_web_page_in_place_of_the_file_is_no_settings_at_all() {
    // Hosts that answer every missing file with index.html: no settings, no mistakes.
    for page in [
        "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><title>Trellis</title></head></html>",
        "\u{feff}  \n<html><body>Not found</body></html>",
        "<?xml version=\"1.0\"?><error/>",
    ] {
        assert!(is_web_page(page), "{page}");
        assert_eq!(read(page), (Config::default(), vec![]), "{page}");
    }
    assert!(!is_web_page(r#"{"organisation": "<b>Shire</b>"}"#));
    assert!(!is_web_page("not json"));
    let (_, problems) = read("not json");
    assert!(
        matches!(&problems[..], [ConfigProblem::NotJson(_)]),
        "other text is still a mistake"
    );
}

#[test]
fn each_mistake_is_named_and_the_rest_still_applies() {
    let (c, problems) = read(
        r#"{"organisation": "Shire", "logo": "https://cdn.example.com/logo.png", "mode": "short",
            "host_origin": "https://intranet.shire.nhs.uk/page", "format": 7}"#,
    );
    assert_eq!(c.organisation.as_deref(), Some("Shire"));
    assert_eq!((c.logo, c.mode, c.host_origin), (None, None, None));
    assert_eq!(
        problems,
        [
            ConfigProblem::Format(7),
            ConfigProblem::Logo,
            ConfigProblem::UnknownMode("short".into()),
            ConfigProblem::HostOrigin,
        ]
    );
    let fields: Vec<_> = problems.iter().filter_map(ConfigProblem::field).collect();
    assert_eq!(fields, ["format", "logo", "mode", "host_origin"]);
    let (_, problems) = read(r#"{"organisation": "A", "colour": "red"}"#);
    assert!(
        matches!(&problems[..], [ConfigProblem::NotJson(m)] if m.contains("unknown field `colour`")),
        "{problems:?}"
    );
    let (_, problems) = read("{not json");
    assert!(
        matches!(&problems[..], [ConfigProblem::NotJson(_)]),
        "{problems:?}"
    );
    let (_, problems) = read(&" ".repeat(MAX_CONFIG_BYTES + 1));
    assert_eq!(problems, [ConfigProblem::TooLarge]);
    let (_, problems) = read(r#"{"logo": "../secret.png"}"#);
    assert_eq!(problems, [ConfigProblem::Logo]);
    let (_, problems) = read(r#"{"organisation": "Line one\nline two"}"#);
    assert_eq!(
        problems,
        [ConfigProblem::NotOneLine {
            field: "organisation",
            max: 120
        }]
    );
}

#[test]
fn origins_are_scheme_host_and_port_only() {
    for good in [
        "https://intranet.nhs.uk",
        "http://127.0.0.1:8766",
        "https://a-b.example",
    ] {
        assert!(is_origin(good), "{good}");
    }
    for bad in [
        "intranet.nhs.uk",
        "https://",
        "ftp://x.uk",
        "https://x.uk/path",
        "https://x.uk:99999",
        "*",
        "https://x.uk:",
    ] {
        assert!(!is_origin(bad), "{bad}");
    }
}
