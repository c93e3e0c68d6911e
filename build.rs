//! Windows builds only: puts the icon, the version information and the manifest
//! (packaging/windows/jsog-renewal.manifest) into the `.exe`. The resource script is written
//! here from Cargo.toml's version and compiled with mingw-w64's `windres`, the toolchain that
//! links the Windows build (packaging/windows-build.sh); the object is linked into the binary
//! only. Nothing happens for other targets.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=packaging/windows/jsog-renewal.manifest");
    println!("cargo:rerun-if-changed=assets/icon/jsog-renewal.ico");
    println!("cargo:rerun-if-env-changed=WINDRES");
    if env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    if env::var("CARGO_CFG_TARGET_ENV").as_deref() != Ok("gnu") {
        println!("cargo:warning=アイコンと版情報は x86_64-pc-windows-gnu の構築でのみ埋め込みます");
        return;
    }
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("set by cargo"));
    let arch = env::var("CARGO_CFG_TARGET_ARCH").expect("set by cargo");
    let windres = env::var("WINDRES").unwrap_or_else(|_| format!("{arch}-w64-mingw32-windres"));

    let rc = out.join("jsog-renewal.rc");
    std::fs::write(&rc, resource_script(&root)).expect("write the resource script");
    let object = out.join("jsog-renewal-resource.o");
    let status = Command::new(&windres)
        .arg("--codepage=65001")
        .args(["--output-format=coff", "--input"])
        .arg(&rc)
        .arg("--output")
        .arg(&object)
        .status()
        .unwrap_or_else(|e| {
            panic!("{windres} を起動できません（gcc-mingw-w64-x86-64 が必要）: {e}")
        });
    assert!(status.success(), "{windres} が失敗しました: {status}");
    println!("cargo:rustc-link-arg-bins={}", object.display());
}

/// The resource script: icon 1 (the one Explorer shows), the manifest, and the version block
/// in Japanese (0x0411, UTF-16).
fn resource_script(root: &Path) -> String {
    let version = env::var("CARGO_PKG_VERSION").expect("set by cargo");
    let numbers = ["MAJOR", "MINOR", "PATCH"]
        .map(|p| env::var(format!("CARGO_PKG_VERSION_{p}")).expect("set by cargo"))
        .join(",");
    let path = |p: &str| root.join(p).display().to_string().replace('\\', "/");
    format!(
        r#"#pragma code_page(65001)
1 ICON "{icon}"
1 24 "{manifest}"
1 VERSIONINFO
FILEVERSION {numbers},0
PRODUCTVERSION {numbers},0
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "041104B0"
    BEGIN
      VALUE "CompanyName", "jsog-renewal developers"
      VALUE "FileDescription", "産婦人科専門医 更新申請"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "jsog-renewal"
      VALUE "LegalCopyright", "MIT License"
      VALUE "OriginalFilename", "jsog-renewal.exe"
      VALUE "ProductName", "産婦人科専門医 更新申請"
      VALUE "ProductVersion", "{version}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x0411, 1200
  END
END
"#,
        icon = path("assets/icon/jsog-renewal.ico"),
        manifest = path("packaging/windows/jsog-renewal.manifest"),
    )
}
