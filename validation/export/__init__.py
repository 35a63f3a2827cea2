"""Exports of a corpus into formats other tools read: :mod:`validation.export.datapackage`
writes a Frictionless Data Package."""
