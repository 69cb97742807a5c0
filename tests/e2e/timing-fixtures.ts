/**
 * A `docker build --progress=plain` log of the first example (python-deps-first)
 * in the shape Docker 20.10 prints it, with made-up durations the tests look for.
 */
export const PYTHON_LOG = `#1 [internal] load build definition from Dockerfile
#1 sha256:3b1c1b6e4f9f1d0e1e8c6f5f0b8b7f5f3c1c7e1e8c6f5f0b8b7f5f3c1c7e1e8c
#1 transferring dockerfile: 229B done
#1 DONE 0.1s

#2 [internal] load .dockerignore
#2 transferring context: 71B done
#2 DONE 0.0s

#3 [internal] load metadata for docker.io/library/python:3.12-slim
#3 DONE 1.2s

#4 [1/5] FROM docker.io/library/python:3.12-slim@sha256:2be8daddbb82756f7d1f2c7ece706aadcb284bf6ab6d769ea695cc3ed6016743
#4 resolve docker.io/library/python:3.12-slim@sha256:2be8daddbb82756f7d1f2c7ece706aadcb284bf6ab6d769ea695cc3ed6016743 0.0s done
#4 sha256:aaaaaaaaaaaaaaaa 29.1MB / 29.1MB 2.3s done
#4 sha256:bbbbbbbbbbbbbbbb 12.0MB / 12.0MB 1.4s done
#4 DONE 4.1s

#5 [internal] load build context
#5 transferring context: 1.02kB done
#5 DONE 0.0s

#6 [2/5] WORKDIR /app
#6 DONE 0.1s

#7 [3/5] COPY requirements.txt .
#7 DONE 0.1s

#8 [4/5] RUN pip install --no-cache-dir -r requirements.txt
#8 3.912 Collecting flask==3.0.3
#8 9.417 Successfully installed flask-3.0.3 gunicorn-22.0.0
#8 DONE 31.4s

#9 [5/5] COPY . .
#9 DONE 0.2s

#10 exporting to image
#10 exporting layers 1.7s done
#10 writing image sha256:9f4c3d2e1b0a 0.0s done
#10 DONE 1.8s
`;
