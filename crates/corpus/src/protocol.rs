//! The framed protocol between `cls batch` and its worker processes.
//!
//! A frame is an 8-byte request id, a 4-byte length (both little-endian) and that many
//! bytes. A request carries the path's raw bytes (any byte allowed: newlines, trailing
//! spaces, non-UTF-8), a response the outcome as JSON, tagged with the id of the request
//! it answers, so that a reply can never be given to another file.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};

/// Largest frame accepted: a path or one document's JSON is far below this, and a
/// corrupted length must not make the reader allocate gigabytes.
const MAX_FRAME: u32 = 1 << 30;

/// Writes one frame and flushes it.
pub fn write_frame(w: &mut dyn Write, id: u64, payload: &[u8]) -> std::io::Result<()> {
    let len = u32::try_from(payload.len())
        .ok()
        .filter(|&n| n <= MAX_FRAME)
        .ok_or_else(|| std::io::Error::other("frame too large"))?;
    let mut head = [0u8; 12];
    head[..8].copy_from_slice(&id.to_le_bytes());
    head[8..].copy_from_slice(&len.to_le_bytes());
    w.write_all(&head)?;
    w.write_all(payload)?;
    w.flush()
}

/// Reads one frame; `Ok(None)` at a clean end of stream (between frames).
pub fn read_frame(r: &mut dyn Read) -> std::io::Result<Option<(u64, Vec<u8>)>> {
    let mut head = [0u8; 12];
    let mut got = 0;
    while got < head.len() {
        match r.read(&mut head[got..]) {
            Ok(0) if got == 0 => return Ok(None),
            Ok(0) => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let mut id = [0u8; 8];
    id.copy_from_slice(&head[..8]);
    let mut len = [0u8; 4];
    len.copy_from_slice(&head[8..]);
    let len = u32::from_le_bytes(len);
    if len > MAX_FRAME {
        return Err(std::io::Error::other("frame too large"));
    }
    let mut payload = vec![0u8; len as usize];
    r.read_exact(&mut payload)?;
    Ok(Some((u64::from_le_bytes(id), payload)))
}

/// The bytes of a path, exactly as the operating system has them.
pub fn path_bytes(p: &Path) -> &[u8] {
    p.as_os_str().as_bytes()
}

/// A path back from its bytes.
pub fn path_from_bytes(b: Vec<u8>) -> PathBuf {
    PathBuf::from(OsString::from_vec(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_with_newlines_and_invalid_utf8_round_trip() {
        let names: [&[u8]; 3] = [b"a\nb.html", b"c .html", b"d\xff\xfe.pdf"];
        let mut buf = Vec::new();
        for (i, n) in names.iter().enumerate() {
            write_frame(&mut buf, i as u64 + 7, n).unwrap();
        }
        let mut r = buf.as_slice();
        for (i, n) in names.iter().enumerate() {
            let (id, bytes) = read_frame(&mut r).unwrap().unwrap();
            assert_eq!(id, i as u64 + 7);
            assert_eq!(path_bytes(&path_from_bytes(bytes)), *n);
        }
        assert!(read_frame(&mut r).unwrap().is_none());
    }

    #[test]
    fn a_truncated_frame_is_an_error_not_a_short_result() {
        let mut buf = Vec::new();
        write_frame(&mut buf, 1, b"abcdef").unwrap();
        buf.truncate(buf.len() - 2);
        assert!(read_frame(&mut buf.as_slice()).is_err());
    }
}
