const DINOS = ['T-Rex', 'Stegosaurus', 'Triceratops'];
const miner = { name: 'Digger', gold: 0 };

function play() {
  const dino = DINOS[Math.floor(Math.random() * DINOS.length)];
  miner.gold += dino === 'T-Rex' ? 0 : 1;
  return `${miner.name} met a ${dino}`;
}
console.log(play());
