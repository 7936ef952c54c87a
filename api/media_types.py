"""JSON:API 1.1 media-type rules (content negotiation): which requests ask for JSON:API, and which
`Accept` or `Content-Type` headers the service must refuse (406, 415).

No extension is supported, so a JSON:API media type whose `ext` names any URI is unsupported.
Profiles are ignored. Parameters other than `ext` and `profile` make an `Accept` instance
unusable; `q` and what follows it are accept parameters, not media-type parameters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

JSONAPI = "application/vnd.api+json"
_ALLOWED_PARAMETERS = frozenset({"ext", "profile"})
_ELEMENT = re.compile(r'(?:[^,"]|"(?:[^"\\]|\\.)*")+')
_SEGMENT = re.compile(r'(?:[^;"]|"(?:[^"\\]|\\.)*")+')


@dataclass(frozen=True)
class MediaType:
    essence: str
    parameters: dict[str, str]

    @property
    def is_jsonapi(self) -> bool:
        return self.essence == JSONAPI

    @property
    def usable_jsonapi(self) -> bool:
        """A JSON:API instance that only uses `ext`/`profile` and asks for no extension."""
        return set(self.parameters) <= _ALLOWED_PARAMETERS and not self.parameters.get("ext", "").strip()


def parse(value: str) -> MediaType:
    """One media type (or media range) with its parameters; accept parameters from `q` on are dropped."""
    essence, _, rest = value.partition(";")
    parameters: dict[str, str] = {}
    for segment in _SEGMENT.findall(rest):
        name, _, raw = segment.partition("=")
        name, raw = name.strip().lower(), raw.strip()
        if name == "q":
            break
        if name:
            parameters[name] = raw[1:-1] if raw.startswith('"') and raw.endswith('"') else raw
    return MediaType(essence.strip().lower(), parameters)


def accept_list(header: str) -> list[MediaType]:
    return [parse(element) for element in _ELEMENT.findall(header) if element.strip()]


# Clients send a handful of distinct headers, each on every request: the answers are remembered.
@lru_cache(maxsize=256)
def wants_jsonapi(accept: str) -> bool:
    """JSON:API mode, as Canvas decides it: `Accept` mentions the JSON:API media type."""
    return any(media.is_jsonapi for media in accept_list(accept))


@lru_cache(maxsize=256)
def accept_refused(accept: str) -> bool:
    """406: every JSON:API instance in `Accept` carries other parameters or asks for an extension."""
    instances = [media for media in accept_list(accept) if media.is_jsonapi]
    return bool(instances) and not any(media.usable_jsonapi for media in instances)


def content_type_refused(content_type: str, *, jsonapi_mode: bool, method: str) -> bool:
    """415 for a request that has a body: a modified JSON:API media type, or, in JSON:API mode, a
    write whose body is not a JSON:API document."""
    media = parse(content_type)
    if media.is_jsonapi:
        return not media.usable_jsonapi
    return jsonapi_mode and method in ("POST", "PUT", "PATCH")
