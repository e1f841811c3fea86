"""The baseline: the smallest FastAPI app there is, to compare the services against.

``uvicorn hello_app:app --app-dir benchmarks`` serves it with the same server and one
worker, like each service; the difference in requests/s is what the services' own
work costs (middleware, validation, the database or cache behind the endpoint).
"""

from fastapi import FastAPI

app = FastAPI(title="hello")


@app.get("/hello")
async def hello() -> dict[str, str]:
    return {"message": "hello"}
