"""The ids of the topics other parts of the coach link to, in a module of their own.

Keep these stable: they name files in coach/content. They live apart from coach.topics so a
screen that only links to a topic (the plan, the check-in summary) does not load the topic
reader with its patterns and classes when it opens.
"""

from __future__ import annotations

AFTER_AI_TOPIC = "why-bones-change"
BONE_MEDICINES_TOPIC = "bone-medicines"
FALLS_TOPIC = "falls"
JOINT_PAIN_TOPIC = "joint-pain"
OSTEOPOROSIS_TOPIC = "exercise-with-osteoporosis"
NUTRITION_TOPIC = "calcium-vitamin-d-nutrition"
RED_FLAGS_TOPIC = "when-to-call"
GLOSSARY_ID = "glossary"
REFERENCES_ID = "references"
