"""The gate: whether a change to the fact tables may land, and why not."""

from validation.gate.rules import GATE_RULES
from validation.gate.verdict import GateResult, gate

__all__ = ["GATE_RULES", "GateResult", "gate"]
