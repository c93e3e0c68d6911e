//! Nothing leaves the machine: no HTTP or TLS client anywhere in the dependency tree, and the
//! demo, check and export run in an empty network namespace (the test fails where none can be
//! made, rather than pass unrun).

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

/// The command prefix that runs a program in an empty network namespace: `unshare -n` as root,
/// `unshare -rn` (a user namespace) otherwise, or `sudo -n unshare -n` where user namespaces are
/// not allowed but password-less sudo is (hosted CI runners). Panics, naming what was tried, when
/// none works: the no-network export must run, never pass unrun.
#[cfg(target_os = "linux")]
fn without_network() -> Vec<&'static str> {
    use std::process::Command;
    let tries: [&[&str]; 3] = [
        &["unshare", "-n"],
        &["unshare", "-rn"],
        &["sudo", "-n", "unshare", "-n"],
    ];
    for prefix in tries {
        // The namespace holds no interface but loopback: that is what makes the run offline.
        let probe = Command::new(prefix[0])
            .args(&prefix[1..])
            .args(["cat", "/proc/net/dev"])
            .output();
        if let Ok(out) = probe
            && out.status.success()
        {
            // Two heading lines, then one line per interface (`lo: …`); /proc/net follows the
            // process's own namespace, /sys/class/net would not.
            let table = String::from_utf8_lossy(&out.stdout);
            let names: Vec<&str> = table
                .lines()
                .skip(2)
                .filter_map(|l| l.split(':').next())
                .map(str::trim)
                .collect();
            assert_eq!(names, ["lo"], "{prefix:?} left network interfaces: {table}");
            return prefix.to_vec();
        }
    }
    panic!(
        "no empty network namespace could be made (tried unshare -n, unshare -rn, sudo -n unshare -n): \
         allow user namespaces (sysctl kernel.unprivileged_userns_clone=1, or on Ubuntu \
         kernel.apparmor_restrict_unprivileged_userns=0) or run the tests as root"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn export_works_without_any_network() {
    use std::process::Command;
    let prefix = without_network();
    let dir = tempfile::tempdir().expect("tempdir");
    let bin = crate::common::BIN;
    for args in [
        vec!["demo", "d.ron"],
        vec!["check", "d.ron", "--json"],
        vec!["export", "d.ron", "--out", "out"],
    ] {
        let out = Command::new(prefix[0])
            .args(&prefix[1..])
            .arg(bin)
            .args(&args)
            .current_dir(dir.path())
            .env(jsog_renewal::paths::DATA_DIR_ENV, crate::common::data_dir())
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
