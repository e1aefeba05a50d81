"""Project configuration: ``.framing.toml`` or ``[tool.framing]`` in ``pyproject.toml``.

The configuration of a file is the nearest one found by walking up from the file's
folder (in each folder ``.framing.toml`` first, then a ``pyproject.toml`` that has a
``[tool.framing]`` table). Command-line flags override it. Every key is validated:
an unknown key or a bad value raises :class:`ConfigError` with the file and line.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from framing import locales
from framing.errors import ConfigError, LocaleError
from framing.i18n import _
from framing.model import SEVERITY_NAMES, Finding, Severity
from framing.readers import known_suffixes

CONFIG_FILE = ".framing.toml"
PYPROJECT = "pyproject.toml"
FAIL_LEVELS = (*SEVERITY_NAMES, "never")
KEYS = ("locale", "audience", "lexicons", "disable", "allow", "severity", "include", "exclude", "fail_on")
DEFAULT_INCLUDE = tuple(f"*{suffix}" for suffix in known_suffixes())
# Always left out when a folder is expanded; ``exclude`` adds to these.
DEFAULT_EXCLUDE = (".*", "node_modules", "__pycache__", "venv", "site-packages")
DEFAULT = "default"
COMMAND_LINE = "command line"


@dataclass(frozen=True)
class Settings:
    """The effective settings for a file, and where each came from (``sources``: key -> file, ``default`` or ``command line``).

    ``lexicons`` are paths as given, made absolute when they came from a file (relative
    to it); ``severity`` maps concept ids to the severity to report them at;
    ``fail_on`` is ``None`` for "never". ``root`` is the folder globs are relative to.
    """

    locale: str = "en"
    audience: tuple[str, ...] = ()
    lexicons: tuple[str, ...] = ()
    disable: frozenset[str] = frozenset()
    allow: frozenset[str] = frozenset()
    severity: tuple[tuple[str, Severity], ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    fail_on: Severity | None = Severity.SUGGESTION
    root: str = "."
    config_path: str | None = None
    sources: tuple[tuple[str, str], ...] = field(default=tuple((key, DEFAULT) for key in KEYS))

    def source(self, key: str) -> str:
        """Return where the value of ``key`` came from."""
        return dict(self.sources)[key]

    def severity_of(self, concept: str) -> Severity | None:
        """Return the severity configured for ``concept``, if any."""
        return dict(self.severity).get(concept)

    def display(self) -> list[tuple[str, str, str]]:
        """Return (key, value as TOML-like text, source) for every key, in a fixed order."""

        def text(value: Any) -> str:
            if isinstance(value, str):
                return f'"{value}"'
            if isinstance(value, (tuple, frozenset, list)):
                return "[" + ", ".join(text(v) for v in sorted(value) if not isinstance(v, tuple)) + "]"
            return str(value)

        values: dict[str, str] = {
            "locale": text(self.locale),
            "audience": text(list(self.audience)),
            "lexicons": "[" + ", ".join(f'"{p}"' for p in self.lexicons) + "]",
            "disable": text(self.disable),
            "allow": text(self.allow),
            "severity": "{" + ", ".join(f'{c} = "{s}"' for c, s in self.severity) + "}",
            "include": "[" + ", ".join(f'"{g}"' for g in self.include) + "]",
            "exclude": "[" + ", ".join(f'"{g}"' for g in self.exclude) + "]",
            "fail_on": text("never" if self.fail_on is None else str(self.fail_on)),
        }
        return [(key, values[key], self.source(key)) for key in KEYS]


@dataclass(frozen=True)
class Overrides:
    """Settings given on the command line; ``None`` means "not given"."""

    locale: str | None = None
    audience: tuple[str, ...] | None = None
    lexicons: tuple[str, ...] | None = None
    fail_on: str | None = None
    disable: tuple[str, ...] | None = None


def _key_line(text: str, key: str, *, in_pyproject: bool) -> int | None:
    """Return the line where ``key`` is set in the framing table of a config file's ``text``."""
    inside = not in_pyproject
    table = re.compile(r"^\s*\[\s*tool\s*\.\s*framing\s*\]" if in_pyproject else r"^\s*\[")
    subtable = re.compile(r"^\s*\[\s*(?:tool\s*\.\s*framing\s*\.\s*)?\"?" + re.escape(key) + r"\"?\s*\]")
    assignment = re.compile(r"^\s*\"?" + re.escape(key) + r"\"?\s*[=.]")
    for number, line in enumerate(text.splitlines(), 1):
        if subtable.match(line):
            return number
        if in_pyproject and table.match(line):
            inside = True
            continue
        if in_pyproject and inside and line.lstrip().startswith("[") and not line.lstrip().startswith("[["):
            if not re.match(r"^\s*\[\s*tool\s*\.\s*framing\s*[.\]]", line):
                inside = False
        if inside and assignment.match(line):
            return number
        if not in_pyproject and table.match(line):
            inside = False
    return None


def _string_list(value: Any, key: str, fail: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [part for part in value.split(",")]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise fail(key, _("{key} must be a list of strings").format(key=key))
    return tuple(item.strip() for item in value if item.strip())


def parse_table(table: Mapping[str, Any], path: Path, text: str) -> dict[str, Any]:
    """Return the validated values of a framing table read from ``path`` (whose content is ``text``).

    Raises :class:`ConfigError` naming the file, line and key for an unknown key or a bad value.
    """
    in_pyproject = path.name == PYPROJECT

    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(message, path=path, line=_key_line(text, key, in_pyproject=in_pyproject))

    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            hint = [k for k in KEYS if k.replace("_", "") == key.replace("-", "").replace("_", "")]
            message = _("unknown key {key} (did you mean {hint}?)") if hint else _("unknown key {key}; known keys: {known}")
            raise fail(key, message.format(key=repr(key), hint=repr(hint[0]) if hint else "", known=", ".join(KEYS)))
        if key == "locale":
            if not isinstance(value, str):
                raise fail(key, 'locale must be a string such as "en"')
            try:
                values[key] = locales.parse_supported(value)
            except LocaleError as error:
                raise fail(key, _("locale: {reason}").format(reason=error.message)) from None
        elif key == "audience":
            codes = _string_list(value, key, fail)
            try:
                values[key] = tuple(dict.fromkeys(locales.parse_supported(code) for code in codes))
            except LocaleError as error:
                raise fail(key, _("audience: {reason}").format(reason=error.message)) from None
        elif key == "lexicons":
            values[key] = tuple(str((path.parent / item).resolve()) for item in _string_list(value, key, fail))
        elif key in ("disable", "allow"):
            words = _string_list(value, key, fail)
            values[key] = frozenset(w.lower() for w in words) if key == "allow" else frozenset(words)
        elif key in ("include", "exclude"):
            values[key] = _string_list(value, key, fail)
        elif key == "severity":
            if not isinstance(value, dict):
                raise fail(key, _('severity must be a table of concept = "suggestion" | "warning" | "error"'))
            levels = []
            for concept, level in sorted(value.items()):
                try:
                    levels.append((concept, Severity.parse(level if isinstance(level, str) else "?")))
                except ValueError:
                    expected = ", ".join(SEVERITY_NAMES)
                    raise fail(
                        key,
                        _("severity of {concept} must be one of {expected}, not {value}").format(
                            concept=repr(concept), expected=expected, value=repr(level)
                        ),
                    ) from None
            values[key] = tuple(levels)
        elif key == "fail_on":
            if value not in FAIL_LEVELS:
                raise fail(
                    key,
                    _("fail_on must be one of {expected}, not {value}").format(
                        expected=", ".join(FAIL_LEVELS), value=repr(value)
                    ),
                )
            values[key] = None if value == "never" else Severity.parse(value)
    return values


def read_config(path: Path) -> dict[str, Any] | None:
    """Return the validated framing settings in the file at ``path``, or ``None`` if it has none.

    A ``pyproject.toml`` without a ``[tool.framing]`` table has none.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(_("cannot read: {reason}").format(reason=error.strerror or error), path=path) from None
    except UnicodeDecodeError:
        raise ConfigError(_("is not valid UTF-8"), path=path) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"at line (\d+)", str(error))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        raise ConfigError(
            _("not valid TOML: {reason}").format(reason=message), path=path, line=int(match.group(1)) if match else None
        ) from None
    except RecursionError:  # tomllib recurses into nested arrays and tables
        raise ConfigError(_("not valid TOML: nested too deeply"), path=path) from None
    if path.name == PYPROJECT:
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "framing" not in tool:
            return None
        table = tool["framing"]
        if not isinstance(table, dict):
            raise ConfigError(_("[tool.framing] must be a table"), path=path, line=_key_line(text, "framing", in_pyproject=False))
        return parse_table(table, path, text)
    return parse_table(data, path, text)


class ConfigFinder:
    """Finds and caches the configuration of each folder, walking up to the filesystem root.

    ``config`` names one file to use for every document instead of searching.
    """

    def __init__(self, config: str | Path | None = None) -> None:
        self._explicit = Path(config) if config is not None else None
        self._by_folder: dict[Path, tuple[Path, dict[str, Any]] | None] = {}

    def nearest(self, folder: Path) -> tuple[Path, dict[str, Any]] | None:
        """Return the nearest configuration file at or above ``folder`` and its values, or ``None``."""
        if self._explicit is not None:
            values = read_config(self._explicit)
            return (self._explicit, values or {})
        folder = folder.resolve()
        if folder in self._by_folder:
            return self._by_folder[folder]
        found: tuple[Path, dict[str, Any]] | None = None
        for name in (CONFIG_FILE, PYPROJECT):
            candidate = folder / name
            if candidate.is_file():
                values = read_config(candidate)
                if values is not None:
                    found = (candidate, values)
                    break
        if found is None and folder.parent != folder:
            found = self.nearest(folder.parent)
        self._by_folder[folder] = found
        return found

    def settings(self, path: str | Path, overrides: Overrides = Overrides()) -> Settings:
        """Return the effective settings for the document at ``path`` (``-`` means the current folder)."""
        target = Path.cwd() if str(path) == "-" else Path(path)
        folder = target if target.is_dir() else target.parent
        return resolve(self.nearest(folder if str(folder) else Path(".")), overrides)


def resolve(found: tuple[Path, dict[str, Any]] | None, overrides: Overrides = Overrides()) -> Settings:
    """Return the settings from defaults, a configuration file's values, then command-line ``overrides``."""
    settings = Settings()
    sources = dict(settings.sources)
    if found is not None:
        path, values = found
        changes = dict(values)
        if "exclude" in changes:
            changes["exclude"] = DEFAULT_EXCLUDE + tuple(changes["exclude"])
        settings = replace(settings, **changes, root=str(path.parent), config_path=str(path))
        sources.update((key, str(path)) for key in values)
    changes = {}
    if overrides.locale is not None:
        changes["locale"] = overrides.locale
    if overrides.audience is not None:
        changes["audience"] = overrides.audience
    if overrides.lexicons is not None:
        # Flags add lexicons to those of the configuration.
        changes["lexicons"] = settings.lexicons + overrides.lexicons
    if overrides.fail_on is not None:
        changes["fail_on"] = None if overrides.fail_on == "never" else Severity.parse(overrides.fail_on)
    if overrides.disable is not None:
        changes["disable"] = settings.disable | frozenset(overrides.disable)
    sources.update((key, COMMAND_LINE) for key in changes)
    return replace(settings, **changes, sources=tuple((key, sources[key]) for key in KEYS))


def unknown_concepts(settings: Settings, concepts: Collection[str]) -> list[str]:
    """Return a notice for each concept id ``disable`` or ``severity`` names that is not among ``concepts``.

    Such a setting has no effect, which is most often a typo; the notice says where it
    was set and, when one is close, which concept was probably meant.
    """
    import difflib

    named = [("disable", concept) for concept in sorted(settings.disable)]
    named += [("severity", concept) for concept, _level in settings.severity]
    notices = []
    for key, concept in named:
        if concept in concepts:
            continue
        close = difflib.get_close_matches(concept, list(concepts), n=1)
        message = _("{source}: {key}: no concept {concept} in the lexicons in use, so this has no effect").format(
            source=settings.source(key), key=key, concept=repr(concept)
        )
        if close:
            message += " " + _("(did you mean {concept}?)").format(concept=repr(close[0]))
        notices.append(message)
    return notices


def apply_settings(findings: Iterable[Finding], settings: Settings) -> list[Finding]:
    """Return ``findings`` without disabled concepts and allowed terms, with configured severities.

    A severity configured for a concept is every reader's severity, and so the finding's.
    """
    kept = []
    for finding in findings:
        if finding.concept in settings.disable:
            continue
        if settings.allow and {" ".join(finding.text.lower().split()), finding.term.lower()} & settings.allow:
            continue
        level = settings.severity_of(finding.concept)
        if level is not None:
            finding = finding.with_readers(tuple(replace(reader, severity=level) for reader in finding.readers))
        kept.append(finding)
    return kept
