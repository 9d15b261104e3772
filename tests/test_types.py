"""kg.types.record: a frozen dataclass whose faster constructor behaves like the generated one."""

from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest

from kg import types
from kg.types import record


@record
class Sample:
    name: str
    count: int = 0
    tags: list = dataclasses.field(default_factory=list)


def test_arguments_are_bound_as_the_dataclass_would():
    assert Sample("a") == Sample(name="a", count=0, tags=[])
    assert Sample("a", 2, ["x"]).tags == ["x"]
    assert Sample("a", tags=["y"]).count == 0
    # A factory default is called for each record, not shared.
    first, second = Sample("a"), Sample("b")
    assert first.tags == [] and first.tags is not second.tags


def test_wrong_arguments_are_refused():
    with pytest.raises(TypeError, match="name"):
        Sample()
    with pytest.raises(TypeError, match="colour"):
        Sample("a", colour="red")
    with pytest.raises(TypeError):
        Sample("a", 1, [], "extra")


def test_records_stay_read_only_and_keep_the_dataclass_behaviour():
    sample = Sample("a", 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        sample.name = "b"  # type: ignore[misc]
    assert dataclasses.replace(sample, count=5) == Sample("a", 5)
    assert pickle.loads(pickle.dumps(sample)) == sample
    assert repr(sample) == "Sample(name='a', count=1, tags=[])"
    mention = types.Mention("Bessent", 0, 7, 0, "entity", label="PERSON")
    assert hash(mention) == hash(types.Mention("Bessent", 0, 7, 0, "entity", "PERSON"))


@pytest.mark.parametrize(
    "cls",
    [c for c in vars(types).values() if inspect.isclass(c) and dataclasses.is_dataclass(c)],
)
def test_every_record_has_the_signature_of_its_fields(cls):
    parameters = list(inspect.signature(cls).parameters.values())
    fields = dataclasses.fields(cls)
    assert [p.name for p in parameters] == [f.name for f in fields]
    for parameter, field in zip(parameters, fields, strict=True):
        if field.default is not dataclasses.MISSING:
            assert parameter.default == field.default
        elif field.default_factory is dataclasses.MISSING:
            assert parameter.default is inspect.Parameter.empty
    assert cls.__dataclass_params__.frozen
