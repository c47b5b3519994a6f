"""Other implementations of our models, built live and measured beside ours.

Today one peer, Keras (``tools.peers.keras``): its ``keras.applications`` models and a tutorial's
ResNet, each measured on the Keras model itself and compared with one of our configurations, every
difference decomposed into computed terms. Their facts join the namespace as ``keras.<model>.<fact>``.
"""
