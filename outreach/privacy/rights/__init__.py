"""People's rights: export everything held about a person, and erase them."""

from .erase import ErasureRefused, erase_person, user_anonymise
from .export import export_csv_zip, export_json, export_person
from .people import PERSON_KINDS, person_get, person_label, person_search

__all__ = [
    "PERSON_KINDS",
    "ErasureRefused",
    "erase_person",
    "export_csv_zip",
    "export_json",
    "export_person",
    "person_get",
    "person_label",
    "person_search",
    "user_anonymise",
]
