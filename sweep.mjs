import { SymbolicRegressor } from './dist/src/index.js';
const probs = {
  koza1: (() => { const X=[],y=[]; for (let i=0;i<20;i++){const x=-1+2*i/19; X.push([x]); y.push(x**4+x**3+x**2+x);} return {X,y}; })(),
  mix: (() => { const X=[],y=[]; let s=1; const r=()=>{s=(s*1103515245+12345)%2147483648; return s/2147483648;}; for (let i=0;i<100;i++){const a=-2+4*r(), b=-2+4*r(); X.push([a,b]); y.push(a*b+Math.sin(a));} return {X,y}; })(),
};
const configs = JSON.parse(process.argv[2]);
for (const cfg of configs) {
  for (const [name, {X,y}] of Object.entries(probs)) {
    let ok=0, t=performance.now(), gens=0;
    for (let seed=0; seed<10; seed++) {
      const sr = new SymbolicRegressor({ seed, optimizeConstants: false, functions: ['add','sub','mul','div','sin','cos','exp','ln'], ...cfg });
      await sr.fit(X,y); gens += sr.generations;
      if (Math.max(...sr.equations.map(e=>e.r2)) >= 0.9999) ok++;
    }
    console.log(JSON.stringify(cfg), name, ok+'/10', ((performance.now()-t)/10).toFixed(0)+'ms/run', (gens/10).toFixed(0)+'gens');
  }
}
