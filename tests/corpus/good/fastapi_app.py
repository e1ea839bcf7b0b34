from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

app = FastAPI(title="Docs", description="Serves the docs; mount it behind nginx.")
app.mount("/static", StaticFiles(directory="static"), name="static")
app.mount("/docs", StaticFiles(directory="site", html=True), name="docs")


@app.get("/health")
def health():
    return {"docker": "not used", "status": "ok"}
