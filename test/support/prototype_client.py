"""A client of the original FastAPI prototype, unchanged in spirit: standard library only (urllib.request).

Usage: python3 prototype_client.py BASE_URL PROMPT
Prints the JSON answer's "response" and exits 0; prints the HTTP error and exits 1.
"""
import json
import sys
import urllib.error
import urllib.request


def generate(base_url, prompt, max_tokens=512):
    body = json.dumps({"prompt": prompt, "max_tokens": max_tokens}).encode("utf-8")
    request = urllib.request.Request(
        base_url + "/generate?format=json",
        data=body,
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read().decode("utf-8"))


if __name__ == "__main__":
    try:
        result = generate(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 512)
    except urllib.error.HTTPError as error:
        print(error.code, error.read().decode("utf-8"), file=sys.stderr)
        sys.exit(1)
    print(json.dumps({"keys": list(result.keys()), "response": result["response"]}))
