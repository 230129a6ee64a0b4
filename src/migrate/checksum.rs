//! Flyway's checksum: CRC32 over the UTF-8 bytes of each line with line
//! terminators (`\n`, `\r`, `\r\n`) and a leading BOM removed, stored as a
//! signed 32-bit integer. Pure; touches no external system.

/// The checksum of decoded text, as Flyway computes it.
pub fn checksum(text: &str) -> i32 {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut hasher = crc32fast::Hasher::new();
    for chunk in text.split(['\n', '\r']) {
        hasher.update(chunk.as_bytes());
    }
    hasher.finalize() as i32
}

/// Decodes file bytes strictly as UTF-8; the error names the line and column
/// of the first invalid byte.
pub fn decode_utf8(bytes: &[u8]) -> Result<String, String> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let text = String::from_utf8_lossy(valid);
            let (line, col) = crate::text::line_col(&text, text.len());
            Err(format!(
                "invalid UTF-8 at line {line}, column {col} (byte offset {})",
                e.valid_up_to()
            ))
        }
    }
}

/// Decodes file bytes in a named encoding (`encoding` in `<script>.sql.conf`).
pub fn decode(bytes: &[u8], encoding: Option<&str>) -> Result<String, String> {
    match encoding.map(|e| e.trim().to_ascii_lowercase()) {
        None => decode_utf8(bytes),
        Some(e) if e == "utf-8" || e == "utf8" => decode_utf8(bytes),
        Some(label) => {
            let enc = encoding_rs::Encoding::for_label(label.as_bytes())
                .ok_or_else(|| format!("unknown encoding `{label}`"))?;
            let (text, _, had_errors) = enc.decode(bytes);
            if had_errors {
                return Err(format!("the file is not valid {}", enc.name()));
            }
            Ok(text.into_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flyway_vectors() {
        assert_eq!(checksum("CREATE TABLE t (id int);"), 92137680);
        assert_eq!(checksum("CREATE TABLE t (id int);\n"), 92137680);
        assert_eq!(checksum("CREATE TABLE t (id int);\r\n"), 92137680);
        assert_eq!(checksum("CREATE TABLE t (id int);\r"), 92137680);
        assert_eq!(checksum("\u{feff}CREATE TABLE t (id int);\n"), 92137680);
    }

    #[test]
    fn line_endings_never_change_the_checksum() {
        let lf = "create table a (x int);\ninsert into a values (1);\n\n";
        let crlf = lf.replace('\n', "\r\n");
        let cr = lf.replace('\n', "\r");
        assert_eq!(checksum(lf), checksum(&crlf));
        assert_eq!(checksum(lf), checksum(&cr));
        assert_eq!(checksum(lf), checksum(lf.trim_end()));
    }

    #[test]
    fn non_ascii_is_hashed_as_utf8() {
        let expected = crc32fast::hash("insert into t values ('héllo ✓');".as_bytes()) as i32;
        assert_eq!(checksum("insert into t values ('héllo ✓');\n"), expected);
    }

    #[test]
    fn signed_results() {
        // crc32("a") = 0xE8B7BE43 does not fit in i32: stored negative.
        assert_eq!(checksum("a"), 0xE8B7BE43u32 as i32);
        assert!(checksum("a") < 0);
    }

    #[test]
    fn invalid_utf8_is_a_clear_error() {
        let err = decode_utf8(b"select 1;\nselect '\xff';").unwrap_err();
        assert!(err.contains("line 2, column 9"), "{err}");
        assert_eq!(decode(b"caf\xe9", Some("ISO-8859-1")).unwrap(), "café");
    }
}
