//! Embeds every `locales/<lang>/*.ftl` file into the binary, so that a release binary
//! carries its words with it and a new `.ftl` file needs no code change.
use std::{env, fs, path::Path};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut entries = Vec::new();
    let mut langs: Vec<_> = fs::read_dir(&root)
        .expect("locales/ exists")
        .map(|e| e.expect("readable locales entry").path())
        .filter(|p| p.is_dir())
        .collect();
    langs.sort();
    for dir in langs {
        println!("cargo:rerun-if-changed={}", dir.display());
        let lang = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut files: Vec<_> = fs::read_dir(&dir)
            .expect("readable locale dir")
            .map(|e| e.expect("readable locale file").path())
            .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
            .collect();
        files.sort();
        for file in files {
            println!("cargo:rerun-if-changed={}", file.display());
            entries.push(format!(
                "({lang:?}, {name:?}, include_str!({path:?})),",
                name = file.file_name().unwrap().to_string_lossy(),
                path = file.display().to_string()
            ));
        }
    }
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("locales.rs");
    let code = format!(
        "/// (language, file name, Fluent source) for every embedded locale file.\npub static SOURCES: &[(&str, &str, &str)] = &[\n{}\n];\n",
        entries.join("\n")
    );
    fs::write(out, code).expect("write locales.rs");
}
