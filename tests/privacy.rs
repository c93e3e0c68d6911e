//! Nothing leaves the machine: no HTTP or TLS client anywhere in the dependency tree, and the
//! export runs with no network at all.

const NETWORK_CRATES: &[&str] = &[
    "reqwest",
    "hyper",
    "ureq",
    "curl",
    "curl-sys",
    "isahc",
    "attohttpc",
    "surf",
    "native-tls",
    "rustls",
    "openssl",
    "h2",
    "tungstenite",
];

#[test]
fn no_network_client_crate_is_linked() {
    let lock = include_str!("../Cargo.lock");
    let names: Vec<&str> = lock
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .filter_map(|l| l.strip_suffix('"'))
        .collect();
    assert!(
        names.len() > 100,
        "Cargo.lock was read ({} packages)",
        names.len()
    );
    let found: Vec<&&str> = names
        .iter()
        .filter(|n| NETWORK_CRATES.contains(n))
        .collect();
    assert!(found.is_empty(), "network crates in the tree: {found:?}");
}

#[cfg(target_os = "linux")]
#[test]
fn export_works_without_any_network() {
    use std::process::Command;
    // `unshare -n` gives the command an empty network namespace (no interfaces but loopback,
    // which is down). It needs the privilege to create one; CI runs as root.
    // Without that privilege the dependency check above is the remaining guarantee; say so
    // loudly rather than fail a machine that cannot make namespaces.
    let probe = Command::new("unshare").args(["-n", "true"]).status();
    if !probe.is_ok_and(|s| s.success()) {
        eprintln!("NOTE: unshare -n is not permitted here; the no-network export was not run");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let bin = env!("CARGO_BIN_EXE_jsog-renewal");
    for args in [
        vec!["demo", "d.ron"],
        vec!["check", "d.ron", "--json"],
        vec!["export", "d.ron", "--out", "out"],
    ] {
        let out = Command::new("unshare")
            .arg("-n")
            .arg(bin)
            .args(&args)
            .current_dir(dir.path())
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let pdfs = std::fs::read_dir(dir.path().join("out"))
        .expect("out")
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .count();
    assert!(pdfs >= 1);
}
