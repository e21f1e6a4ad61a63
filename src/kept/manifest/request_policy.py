"""Fides request policies: what a rights request returns or erases, chosen per request.

A Fides policy file (``policy:``, the shape of Fides' policy API objects, read unchanged when
``include:``d) holds policies whose rules have an ``action_type`` (``access`` or ``erasure``),
``targets`` (data categories; a target covers its descendants) and, for erasure, a
``masking_strategy``. Policies whose rules carry ``data_categories``/``data_uses`` instead
(fideslang's compliance policies, like Fides' ``sample_policy.yml``) are read too and play no
part in requests.

```yaml
policy:
  - key: email_erasure
    name: Erase e-mail addresses
    rules:
      - key: mask_emails
        action_type: erasure
        masking_strategy:
          strategy: random_string_rewrite
          configuration: {length: 12, format_preservation: {suffix: "@masked.example"}}
        targets:
          - {data_category: user.contact.email}
default_policy:                     # Kept's own: the policy a request gets when it names none
  access: default_access_policy
  erasure: email_erasure
```

A request without a policy (and no default) returns and erases every personal field, as
before. With one: an access request returns only the fields whose categories an access rule
targets; an erasure changes only the fields an erasure rule targets, with the field's own
``masking_strategy_override`` (or ``erase``) first, the rule's strategy otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, model_validator

from kept.manifest.base import KeptModel, Key
from kept.manifest.masking import masking_problem
from kept.taxonomy import is_under

if TYPE_CHECKING:
    from kept.errors import Problem
    from kept.manifest.loader import LoadedManifest
    from kept.manifest.models import Manifest

__all__ = [
    "DefaultPolicy",
    "PolicyRule",
    "RequestPolicy",
    "RuleTarget",
    "choose_policy",
    "policy_problems",
]


class RuleTarget(KeptModel):
    data_category: str
    key: str | None = None
    name: str | None = None


class PolicyRule(KeptModel):
    """A Fides rule: an action with its targets (or a fideslang compliance rule)."""

    key: str | None = None
    name: str | None = None
    description: str | None = None
    action_type: Literal["access", "erasure", "consent", "update"] | None = None
    masking_strategy: dict[str, Any] | None = None
    targets: list[RuleTarget] = Field(default_factory=list)
    storage_destination: Any = None
    storage_destination_key: str | None = None
    # fideslang's compliance-policy rules (not used by requests)
    data_categories: dict[str, Any] | None = None
    data_uses: dict[str, Any] | None = None
    data_subjects: dict[str, Any] | None = None

    def covers(self, categories: list[str] | None) -> bool:
        return any(is_under(c, t.data_category) for c in categories or [] for t in self.targets)


class RequestPolicy(KeptModel):
    """A Fides policy (``key`` or fideslang's ``fides_key`` names it)."""

    key: Key | None = None
    fides_key: Key | None = None
    name: str | None = None
    description: str | None = None
    organization_fides_key: str | None = None
    tags: list[str] | None = None
    execution_timeframe: int | None = Field(default=None, ge=1)
    drp_action: str | None = None
    conditions: Any = None
    rules: list[PolicyRule] = Field(default_factory=list)

    @model_validator(mode="after")
    def _named(self) -> RequestPolicy:
        if not (self.key or self.fides_key):
            raise ValueError("a policy needs a 'key'")
        return self

    @property
    def name_key(self) -> str:
        return str(self.key or self.fides_key)

    def rules_for(self, action: Literal["access", "erasure"]) -> list[PolicyRule]:
        return [r for r in self.rules if r.action_type == action]

    def returns(self, categories: list[str] | None) -> bool:
        """Whether an access request under this policy returns a field of these categories."""
        return any(r.covers(categories) for r in self.rules_for("access"))

    def erasure_rule(self, categories: list[str] | None) -> PolicyRule | None:
        """The erasure rule that covers a field of these categories (None: left alone)."""
        return next((r for r in self.rules_for("erasure") if r.covers(categories)), None)


class DefaultPolicy(KeptModel):
    """The policy a request gets when it names none, per kind of request."""

    access: Key | None = None
    erasure: Key | None = None


def choose_policy(
    manifest: Manifest, key: str | None, action: Literal["access", "erasure"]
) -> RequestPolicy | None:
    """The policy ``key`` names (or the manifest's default for ``action``); None for none.
    Raises :class:`kept.errors.RequestError` for a key the manifest does not declare or a
    policy without a rule for ``action``."""
    from kept.errors import RequestError

    default = manifest.default_policy
    key = key or (getattr(default, action) if default else None)
    if key is None:
        return None
    policy = next((p for p in manifest.policy if p.name_key == key), None)
    if policy is None:
        known = ", ".join(p.name_key for p in manifest.policy) or "none declared"
        raise RequestError(f"unknown policy {key!r} (known: {known})")
    if not policy.rules_for(action):
        raise RequestError(f"policy {key!r} has no {action} rule")
    return policy


def policy_problems(loaded: LoadedManifest) -> list[Problem]:
    """Masking strategies that cannot be honoured, duplicate keys, unknown defaults, and
    fields whose own override cannot be honoured (dataset fields are checked here too)."""
    manifest = loaded.manifest
    problems: list[Problem] = []
    keys: set[str] = set()
    for i, policy in enumerate(manifest.policy):
        if policy.name_key in keys:
            problems.append(
                loaded.problem(("policy", i), f"policy {policy.name_key!r} is declared twice")
            )
        keys.add(policy.name_key)
        for j, rule in enumerate(policy.rules):
            if rule.action_type == "erasure" and rule.masking_strategy is None:
                problems.append(
                    loaded.problem(
                        ("policy", i, "rules", j),
                        f"policy {policy.name_key!r} rule {rule.key or j!r}: an erasure rule "
                        "needs a masking_strategy",
                    )
                )
            why = masking_problem(rule.masking_strategy)
            if why:
                problems.append(
                    loaded.problem(
                        ("policy", i, "rules", j, "masking_strategy"),
                        f"policy {policy.name_key!r} rule {rule.key or j!r}: {why}",
                    )
                )
    for action in ("access", "erasure"):
        key = getattr(manifest.default_policy, action) if manifest.default_policy else None
        if key is not None and key not in keys:
            problems.append(
                loaded.problem(
                    ("default_policy", action), f"default {action} policy {key!r} is not declared"
                )
            )
    return problems + _field_problems(loaded)


def _field_problems(loaded: LoadedManifest) -> list[Problem]:
    """Fields whose override, or the erasure rule targeting them, cannot be honoured."""
    manifest = loaded.manifest
    problems: list[Problem] = []
    for d, dataset in enumerate(manifest.dataset):
        for c, collection in enumerate(dataset.collections):
            for f, field in enumerate(collection.fields):
                meta = field.fides_meta
                where = f"{dataset.fides_key}.{collection.name}.{field.name}"
                path: tuple[str | int, ...] = ("dataset", d, "collections", c, "fields", f)
                data_type, length = (meta.data_type, meta.length) if meta else (None, None)
                if meta is not None and meta.masking_strategy_override:
                    why = masking_problem(
                        meta.masking_strategy_override, data_type=data_type, length=length
                    )
                    if why:
                        problems.append(
                            loaded.problem(
                                (*path, "fides_meta", "masking_strategy_override"),
                                f"field {where}: {why}",
                            )
                        )
                    continue
                if field.erase is not None or data_type in (None, "string"):
                    continue
                for policy in manifest.policy:  # a rule's strategy on a field it cannot mask
                    rule = policy.erasure_rule(field.data_categories)
                    why = masking_problem(
                        rule.masking_strategy if rule else None, data_type=data_type
                    )
                    if rule is not None and why:
                        problems.append(
                            loaded.problem(
                                path,
                                f"field {where}: policy {policy.name_key!r} rule "
                                f"{rule.key or rule.name!r}: {why}",
                            )
                        )
    return problems
