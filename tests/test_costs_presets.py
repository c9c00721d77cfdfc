"""Cost presets live in leadmodel.presets.costs and are listable by name."""

from __future__ import annotations

import importlib

import pytest

import leadmodel as lm
from leadmodel import DefinitionError
from leadmodel.presets.costs import COST_MODELS, get_cost_model


def test_cost_models_are_listed_by_name_with_their_source() -> None:
    table = lm.list_cost_models()
    assert table.index.tolist() == list(COST_MODELS)
    assert (table["source"].str.len() > 50).all()
    assert get_cost_model("default") is COST_MODELS["default"]


def test_cost_module_keeps_the_old_names() -> None:
    module = importlib.import_module("leadmodel.cost")
    assert module.COST_MODELS is COST_MODELS and module.get_cost_model is get_cost_model


def test_an_unknown_cost_model_names_the_list() -> None:
    with pytest.raises(DefinitionError, match="list_cost_models"):
        get_cost_model("cheap")
