"""Fixed wording shown in several places (first run, help, README), kept in one place."""

DISCLAIMER = (
    "bonecoach is for education and self-tracking. It is not medical advice and does not "
    "replace your care team. Decisions about your medicines — including your aromatase "
    "inhibitor — belong with them. If something feels wrong, or you have chest pain, "
    "fainting, sudden severe back pain or a fall with injury, stop exercising and contact "
    "your care team or emergency services."
)

PRIVACY = (
    "Your data stays on this computer, in one file only you can read. bonecoach never uses "
    "the network and sends nothing anywhere."
)

ABOUT = (
    "A coach for keeping your bones strong while you take an aromatase inhibitor: learn why "
    "bone changes, check in daily, follow an exercise plan, and see your trends."
)
