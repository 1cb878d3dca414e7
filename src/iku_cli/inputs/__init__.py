"""The shared input layer: which files a run reads, how each is opened without trusting it
(sniffing, zip and XML guards, caps), the grid of cells every sheet becomes, and the gate every
sheet passes through. Both pipelines (``rekap`` and ``ikm``) read only through it."""
