//! The layering, checked on the source: no import cycle among the modules of
//! `services/`, `model/` or `charts/`, and no import of a layer above (a service never
//! reaches for `api/`, `pages/` or the CSV routes; `model/` stays pure; `charts/` draws
//! what it is given). See docs/architecture.md.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers checked, each with the crate modules it must not import.
const LAYERS: [(&str, &[&str]); 4] = [
    (
        "services",
        &["api", "pages", "components", "packet", "state"],
    ),
    (
        "model",
        &[
            "api",
            "pages",
            "components",
            "services",
            "queries",
            "charts",
            "db",
            "auth",
            "state",
            "packet",
        ],
    ),
    (
        "charts",
        &[
            "api",
            "pages",
            "components",
            "services",
            "queries",
            "db",
            "state",
        ],
    ),
    (
        "queries",
        &["api", "pages", "components", "services", "charts", "state"],
    ),
];

/// Every `.rs` file below `dir`.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("the source folder reads") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            out.extend(files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The module path of a source file (`services/read/mod.rs` → `services::read`).
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("below src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code of a file without comments and without its test module.
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod ").next().unwrap_or_default();
    text.lines()
        .map(|l| match l.trim_start().starts_with("//") {
            true => "",
            false => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path written in `code` that starts at `crate::`, `super::` or (in a `use`)
/// `self::`, with brace groups expanded: `crate::a::{b, c::d}` → `crate::a::b`,
/// `crate::a::c::d`.
fn paths(code: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..chars.len().min(i + 8)].iter().collect();
        let boundary = i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if boundary && (rest.starts_with("crate::") || rest.starts_with("super::")) {
            let (found, end) = path_at(&chars, i, Vec::new());
            out.extend(found);
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// The paths of the path expression starting at `i` after `prefix`, and where it ends.
fn path_at(chars: &[char], mut i: usize, prefix: Vec<String>) -> (Vec<Vec<String>>, usize) {
    let mut path = prefix;
    loop {
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        if i < chars.len() && chars[i] == '{' {
            let mut out = Vec::new();
            i += 1;
            loop {
                while i < chars.len() && (chars[i].is_whitespace() || chars[i] == ',') {
                    i += 1;
                }
                if i >= chars.len() || chars[i] == '}' {
                    return (out, i + 1);
                }
                let (found, end) = path_at(chars, i, path.clone());
                out.extend(found);
                i = end;
            }
        }
        let start = i;
        while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
            i += 1;
        }
        if start == i {
            return (vec![path], i);
        }
        path.push(chars[start..i].iter().collect());
        if chars.get(i) == Some(&':') && chars.get(i + 1) == Some(&':') {
            i += 2;
        } else {
            // `a as b`, `*`, a generic or the end of the expression: the path ends here.
            return (vec![path], i);
        }
    }
}

/// `path` as written in module `from`, made absolute from the crate root.
fn absolute(from: &[String], path: &[String]) -> Vec<String> {
    let mut base: Vec<String> = Vec::new();
    let mut rest = path;
    match path.first().map(String::as_str) {
        Some("crate") => rest = &path[1..],
        _ => {
            // `super` in `a/b.rs` and in `a/b/mod.rs` (module a::b) is `a`.
            base = from.to_vec();
            while rest.first().map(String::as_str) == Some("super") {
                base.pop();
                rest = &rest[1..];
            }
        }
    }
    base.extend(rest.iter().cloned());
    base
}

/// The module graph of the crate below `src`: each module's imports, resolved to the
/// longest module that exists.
fn graph(src: &Path) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let all: Vec<PathBuf> = files(src);
    let modules: BTreeSet<Vec<String>> = all.iter().map(|f| module_of(src, f)).collect();
    let mut edges = BTreeMap::new();
    for file in &all {
        let from = module_of(src, file);
        let text = std::fs::read_to_string(file).expect("a source file reads");
        let mut to = BTreeSet::new();
        for p in paths(&code_of(&text)) {
            let abs = absolute(&from, &p);
            let target = (1..=abs.len())
                .rev()
                .map(|n| abs[..n].to_vec())
                .find(|m| modules.contains(m))
                .or_else(|| abs.first().map(|f| vec![f.clone()]));
            if let Some(t) = target.filter(|t| *t != from && !from.starts_with(t)) {
                to.insert(t);
            }
        }
        edges.insert(from, to);
    }
    edges
}

/// A cycle through the modules of `layer`, as a list of names, if there is one.
fn cycle_in(
    edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
    layer: &str,
) -> Option<Vec<String>> {
    let inside = |m: &Vec<String>| m.first().is_some_and(|f| f == layer) && m.len() > 1;
    // Depth-first search with colours: 1 on the stack, 2 finished.
    let mut colour: BTreeMap<&Vec<String>, u8> = BTreeMap::new();
    fn visit<'a>(
        m: &'a Vec<String>,
        edges: &'a BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        inside: &dyn Fn(&Vec<String>) -> bool,
        colour: &mut BTreeMap<&'a Vec<String>, u8>,
        stack: &mut Vec<&'a Vec<String>>,
    ) -> Option<Vec<String>> {
        colour.insert(m, 1);
        stack.push(m);
        for next in edges.get(m).into_iter().flatten().filter(|n| inside(n)) {
            match colour.get(next) {
                Some(1) => {
                    let at = stack.iter().position(|s| *s == next).unwrap_or(0);
                    let mut names: Vec<String> = stack[at..].iter().map(|s| s.join("::")).collect();
                    names.push(next.join("::"));
                    return Some(names);
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(next, edges, inside, colour, stack) {
                        return Some(c);
                    }
                }
            }
        }
        stack.pop();
        colour.insert(m, 2);
        None
    }
    for m in edges.keys().filter(|m| inside(m)) {
        if !colour.contains_key(m) {
            if let Some(c) = visit(m, edges, &inside, &mut colour, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn no_import_cycle_among_services_model_or_charts() {
    let edges = graph(&src());
    for layer in ["services", "model", "charts", "queries"] {
        if let Some(cycle) = cycle_in(&edges, layer) {
            panic!("an import cycle in {layer}/: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn no_layer_imports_one_above_it() {
    let edges = graph(&src());
    let mut wrong = Vec::new();
    for (layer, above) in LAYERS {
        for (from, to) in edges
            .iter()
            .filter(|(m, _)| m.first().is_some_and(|f| f == layer))
        {
            for t in to.iter().filter(|t| above.contains(&t[0].as_str())) {
                wrong.push(format!("{} imports {}", from.join("::"), t.join("::")));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_check_sees_a_cycle_and_an_upward_import() {
    // The checker itself: two modules naming each other (one through a brace group and
    // `super`), and a service naming a page.
    let dir = std::env::temp_dir().join(format!("plantrack-layering-{}", std::process::id()));
    let services = dir.join("services");
    std::fs::create_dir_all(services.join("read")).unwrap();
    std::fs::write(services.join("mod.rs"), "pub mod a;\npub mod read;\n").unwrap();
    std::fs::write(
        services.join("a.rs"),
        "// crate::services::b is only a comment\nuse super::read::{x, y::Z};\n",
    )
    .unwrap();
    std::fs::write(services.join("read/mod.rs"), "pub mod x;\npub mod y;\n").unwrap();
    std::fs::write(services.join("read/x.rs"), "").unwrap();
    std::fs::write(
        services.join("read/y.rs"),
        "fn f() { crate::services::a::g(); crate::pages::h(); }\n",
    )
    .unwrap();
    let edges = graph(&dir);
    let cycle = cycle_in(&edges, "services");
    let y = vec!["services".to_string(), "read".into(), "y".into()];
    let pages_named = edges[&y].iter().any(|t| t[0] == "pages");
    std::fs::remove_dir_all(&dir).ok();
    let cycle = cycle.expect("a → read::y → a is a cycle");
    assert!(cycle.contains(&"services::a".to_string()), "{cycle:?}");
    assert!(
        cycle.contains(&"services::read::y".to_string()),
        "{cycle:?}"
    );
    assert!(pages_named, "the page import is seen");
}
