"""The exception tree is total: each error has a status in the one HTTP table and survives pickling."""

from __future__ import annotations

import pickle

import firmgraph.graph.errors as errors
from firmgraph.api.routes.errors import STATUS, headers_of, status_of


def _tree(cls: type[errors.FirmgraphError]) -> list[type[errors.FirmgraphError]]:
    return [cls, *(c for sub in cls.__subclasses__() for c in _tree(sub))]


def test_every_error_class_has_an_http_status() -> None:
    classes = _tree(errors.FirmgraphError)
    assert len(classes) > 15
    unmapped = [c.__name__ for c in classes[1:] if not any(issubclass(c, mapped) for mapped, _ in STATUS)]
    assert unmapped == []


def test_errors_pickle_with_their_class_and_fields() -> None:
    raised = [
        errors.MalformedInputError("malformed RDF", path="a.ttl", line=3),
        errors.MethodNotAllowedError("send updates with POST", allow="POST"),
        errors.UnknownExtractorError("unknown extractor 'x'"),
    ]
    for error in raised:
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error) and str(copy) == str(error) and vars(copy) == vars(error)
    assert status_of(raised[0]) == 400 and status_of(raised[1]) == 405
    assert headers_of(raised[1]) == {"Allow": "POST"}
    assert status_of(errors.NotAuthorizedError("token")) == 401
    assert status_of(errors.UnknownQueryError("no saved query")) == 404
