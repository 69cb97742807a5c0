/** The Flask app and Dockerfiles lessons 1 and 2 share. */

export const flaskApp = `from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "Helo from Layer Lab!"
`;

export const requirements = 'flask==3.0.3\ngunicorn==22.0.0\n';

export const withRequests = 'flask==3.0.3\ngunicorn==22.0.0\nrequests==2.32.3\n';

export const sourceFirst = `FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
EXPOSE 8000
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
`;

export const depsFirst = `FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
EXPOSE 8000
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
`;
