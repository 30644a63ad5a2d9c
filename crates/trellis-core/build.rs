//! Build script: validates the shipped instruments and embeds them packed.
//!
//! Reads every `instruments/*.json` with the same format types and the same
//! `Instrument::new` the crate uses (included below by path), so a broken instrument
//! stops the build with every problem named, and writes `$OUT_DIR/shipped.rs` for
//! `catalogue.rs`: the JSON files as they are (`SHIPPED`, for tests and tools) and the
//! packed form the app reads (`PACKED`, see `src/format/packed.rs`). The app's bundles
//! then carry neither a JSON deserializer for instruments nor the validation.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

#[allow(dead_code)]
#[path = "src/format/instrument.rs"]
mod format;
#[allow(dead_code)]
#[path = "src/instrument.rs"]
mod instrument;
#[allow(dead_code)]
#[path = "src/format/packed.rs"]
mod packed;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("instruments");
    for path in [
        "instruments",
        "src/format/instrument.rs",
        "src/instrument.rs",
        "src/format/packed.rs",
    ] {
        println!("cargo:rerun-if-changed={path}");
    }
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("instruments directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let mut shipped = String::new();
    let mut packed = String::new();
    for path in &files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a UTF-8 file name");
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {name}: {e}"));
        let file: format::InstrumentFile = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("instruments/{name} is not a valid instrument: {e}"));
        if let Err(errors) = instrument::Instrument::new(file.clone()) {
            let list: Vec<String> = errors.iter().map(|e| format!("  - {e}")).collect();
            panic!(
                "instruments/{name} is not a valid instrument:\n{}",
                list.join("\n")
            );
        }
        let form = packed::pack(&file).unwrap_or_else(|bad| {
            panic!("instruments/{name}: this text contains a U+001F control character: {bad:?}")
        });
        let full = path.to_str().expect("a UTF-8 path");
        writeln!(shipped, "    ({name:?}, include_str!({full:?})),").unwrap();
        writeln!(packed, "    ({name:?}, {form:?}),").unwrap();
    }
    let out = format!(
        "/// The shipped instrument files as written: (file name, JSON).\n\
         pub const SHIPPED: &[(&str, &str)] = &[\n{shipped}];\n\n\
         /// The same files validated by the build and packed: (file name, packed form).\n\
         const PACKED: &[(&str, &str)] = &[\n{packed}];\n"
    );
    let target = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("shipped.rs");
    fs::write(&target, out).unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
}
