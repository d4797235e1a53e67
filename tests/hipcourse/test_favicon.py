"""The site's favicon.ico is drawn by hipcourse.favicon and committed up to date."""

import struct
import zlib

import numpy as np
import pytest

from hipcourse import favicon


def test_committed_icon_is_what_the_code_draws():
    assert favicon.main(["--check"]) == 0


def test_check_reports_a_stale_icon(tmp_path, capsys):
    stale = tmp_path / "favicon.ico"
    stale.write_bytes(b"not an icon")
    assert favicon.main(["--check", "--path", str(stale)]) == 1
    assert "stale" in capsys.readouterr().err
    assert stale.read_bytes() == b"not an icon"


def test_writing_creates_a_readable_ico(tmp_path):
    out = tmp_path / "sub" / "favicon.ico"
    assert favicon.main(["--path", str(out)]) == 0
    data = out.read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(favicon.SIZES_PX))
    for i, size in enumerate(favicon.SIZES_PX):
        w, h, _, _, planes, bpp, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i: 22 + 16 * i])
        assert (w, h, planes, bpp) == (size, size, 1, 32)
        png = data[offset: offset + length]
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", png[16:24])
        assert (width, height) == (size, size)
        idat_len = struct.unpack(">I", png[33:37])[0]
        raw = zlib.decompress(png[41: 41 + idat_len])
        assert len(raw) == size * (1 + 4 * size)


def test_icon_has_both_shapes_and_a_transparent_background():
    rgba = favicon.icon_rgba(32)
    alpha = rgba[..., 3]
    assert alpha[0, 0] == 0 and alpha[-1, 0] == 0  # corners are clear
    assert alpha[17, 16] == 255  # centre of the femoral head
    head = rgba[17, 16, :3]
    np.testing.assert_array_equal(head, [0xE6, 0x9F, 0x00])
    cup = rgba[19, 5, :3]  # on the arc (x = 5.5, y ~ 19.5), left of the head
    assert cup[2] > cup[0]  # blue


@pytest.mark.parametrize("bad", [0, 4.5, 1000])
def test_bad_size_is_refused(bad):
    with pytest.raises(ValueError, match="size_px"):
        favicon.icon_rgba(bad)
