"""Texts that a ruleset file writes (gap reasons, caveats, version titles) in both languages."""

from __future__ import annotations

import copy
import pickle
from importlib import resources

import attrs
import pytest
import yaml

import waterbeleid as wb
from waterbeleid._localized import Localized, in_language, joined
from waterbeleid.discharge.ruleset import Gap, Include, RulesetVersion, load_ruleset

RULES = resources.files("waterbeleid.discharge") / "rules"


def _files() -> list[str]:
    names = [f"{p.name}" for p in RULES.iterdir() if p.name.endswith(".yaml")]
    names += [f"national/{p.name}" for p in (RULES / "national").iterdir()]
    return sorted(n for n in names if n.endswith(".yaml"))


def _texts(node: object, parent: str = "") -> list[tuple[str, dict[str, object]]]:
    """Every mapping that holds a ruleset-written text: gaps, includes, quality rules with
    a caveat, and versions."""
    found: list[tuple[str, dict[str, object]]] = []
    if isinstance(node, dict):
        if parent == "gaps" and "reason" in node:
            found.append(("reason", node))
        if "caveat" in node:
            found.append(("caveat", node))
        if parent == "versions" and "title" in node:
            found.append(("title", node))
        for key, value in node.items():
            found.extend(_texts(value, key))
    elif isinstance(node, list):
        for item in node:
            found.extend(_texts(item, parent))
    return found


@pytest.mark.parametrize("name", _files())
def test_every_packaged_text_has_a_dutch_twin(name: str) -> None:
    data = yaml.safe_load((RULES / name).read_text(encoding="utf-8"))
    texts = _texts(data)
    assert texts, name
    for key, holder in texts:
        twin = holder.get(f"{key}_nl")
        assert isinstance(twin, str), f"{name}: {key} {holder[key]!r} has no Dutch twin"
        assert twin.strip(), f"{name}: {key}_nl is empty"
        assert twin != holder[key], f"{name}: {key}_nl repeats the English text"


def test_a_gap_reason_reads_in_dutch_in_the_explanation_and_in_english_elsewhere() -> None:
    later = wb.DischargeActivity(
        origin="bronnering",
        receiver="oppervlaktewater",
        flow="20 m3/h",
        duration="3 weken",
        start="2026-05-04",
    )
    result = wb.assess(later)
    gap = next(g for g in result.gaps if g.topic == "quality")
    assert "The rules for dewatering water since 2024 were not found" in gap.text("en")
    assert "De regels voor bemalingswater sinds 2024 zijn niet gevonden" in gap.text("nl")
    dutch = result.explain("nl")
    assert "were not found" not in dutch
    assert "could not be read" not in dutch
    assert "zijn niet gevonden" in dutch
    assert "were not found" in result.explain("en")


def test_caveats_and_version_title_follow_the_language() -> None:
    activity = wb.DischargeActivity(
        origin="bodemsanering",
        receiver="oppervlaktewater",
        flow="5 m3/h",
        duration="2 weken",
        start="2025-02-15",
        designated_water_body=False,
        measurements={"naftaleen": "0.1 ug/l"},
    )
    result = wb.assess(activity)
    assert result.caveats
    assert all(isinstance(c, str) for c in result.caveats)
    assert result.to_dict(language="nl")["caveats"][0].startswith("De eigen Waterschapsverordening")
    assert result.to_dict(language="en")["caveats"][0].startswith("Waterschap Brabantse Delta's")
    assert result.trace[0].text("nl").endswith("(niet gelezen) en de bruidsschat”")
    assert result.trace[0].text("en").endswith("(not read) and the bruidsschat”")


def test_a_joined_caveat_keeps_both_languages() -> None:
    both = joined(Localized("One.", "Een."), None, "Two.", Localized("Three.", "Drie."))
    assert both == "One. Two. Three."
    assert in_language(both, "nl") == "Een. Two. Drie."  # a text without a twin stays as is
    assert joined(None, "") is None
    assert joined("a", "b") == "a b"
    assert type(joined("a", "b")) is str


def test_localized_survives_pickle_copy_and_evolve() -> None:
    gap = Gap(topic="levy", reason="Not found.", reason_nl="Niet gevonden.")
    assert isinstance(gap.reason, Localized)
    assert gap.reason.nl == "Niet gevonden."
    for other in (pickle.loads(pickle.dumps(gap)), copy.deepcopy(gap)):
        assert other == gap
        assert in_language(other.reason, "nl") == "Niet gevonden."
    changed = attrs.evolve(gap, reason=Localized("Other.", "Anders."))
    assert changed.reason_nl == "Anders."
    plain = Gap(topic="levy", reason="Not found.")
    assert type(plain.reason) is str
    assert in_language(plain.reason, "nl") == "Not found."
    include = Include(part="bruidsschat_waterschapsverordening", caveat="C.", caveat_nl="K.")
    assert in_language(include.caveat or "", "nl") == "K."
    version = RulesetVersion(
        name="2024", valid_from=wb.Quarter.parse("Q1 2024").first_day, title="T", title_nl="Titel"
    )
    assert in_language(version.title, "nl") == "Titel"


def test_a_ruleset_file_of_ones_own_may_give_dutch_twins() -> None:
    data = yaml.safe_load((RULES / "brabantse_delta.yaml").read_text(encoding="utf-8"))
    data.update(name="eigen", water_board="Waterschap Eigen", aliases=[])
    version = data["versions"][-1]
    version["title_nl"] = "Eigen titel"
    ruleset = load_ruleset(data)
    assert in_language(ruleset.versions[-1].title, "nl") == "Eigen titel"
    version["title_nl"] = 5
    with pytest.raises(wb.WaterbeleidError, match="title_nl"):
        load_ruleset(data)


def test_an_unstructured_ruleset_is_plain_data_that_reads_back_with_its_twins() -> None:
    from waterbeleid.discharge import packaged_ruleset

    ruleset = packaged_ruleset("de_dommel")
    data = wb.unstructure(ruleset)
    assert type(data["versions"][1]["title"]) is str
    text = yaml.safe_dump(data, allow_unicode=True)  # a str subclass would be refused
    again = load_ruleset(yaml.safe_load(text))
    assert again == ruleset
    assert in_language(again.versions[1].title, "nl").startswith("Omgevingswet: de ")
