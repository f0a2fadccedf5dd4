"""Two builds from the same sources, from scratch in two folders, give the same bytes: the
generated docs/, the open data (site/data/) and the search index (site/search/)."""

from .sitebuild import build_site, differing_paths, file_tree


def test_two_builds_from_the_same_sources_are_byte_identical(built_site, tmp_path):
    again = build_site(tmp_path)  # another folder, another process, another hash seed
    for folder in ("data", "search"):
        first, second = file_tree(built_site / folder), file_tree(again / folder)
        assert first, f"site/{folder}/ is empty"
        assert differing_paths(first, second) == [], f"site/{folder}/"
    assert differing_paths(file_tree(built_site.parent / "docs"), file_tree(again.parent / "docs")) == []
