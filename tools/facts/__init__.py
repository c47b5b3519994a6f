"""The facts layer: what is known about every configuration, read off its walk, cited or measured on peers.

``core`` reads the facts every model has off one walk; ``measure`` adds each family's own
(``tools.families``) and keeps the results; ``namespace`` joins them with the derived facts, Keras'
(``tools.peers``) and the published figures (``tools.published``) under one name each,
``<config>.<fact>``. This package imports nothing itself, so that its lower modules can be imported
by the families and peers without the namespace above them.
"""
