"""The fixed safety disclaimer: one constant, shown under every answer in every interface."""

DISCLAIMER = (
    "This assistant only quotes an educational monograph about baclofen; it is not medical advice "
    "and may be incomplete. Ask your doctor or pharmacist before you start, change or stop any "
    "medicine. In an emergency, call your local emergency number."
)
