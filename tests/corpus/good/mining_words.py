class GoldMiner:
    """A toy game: the miner digs for gold, not for coins."""

    def __init__(self):
        self.depth = 0

    def dig(self):
        self.depth += 1
        return "gold" if self.depth % 7 == 0 else "rock"


DINOSAURS = ["T-Rex", "Triceratops", "Velociraptor"]
TOPICS = ["data mining", "text mining", "process mining"]
print(GoldMiner().dig(), DINOSAURS[0])
