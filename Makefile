# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# Pango/HarfBuzz for WeasyPrint, fonts embedded in the PDFs, gettext for translations.
RUN_DEBIAN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation2 gettext
# Headless Chromium for the browser tests, poppler-utils to look at rendered PDFs.
TEST_DEBIAN_PACKAGES := $(RUN_DEBIAN_PACKAGES) chromium poppler-utils

.PHONY: run test install messages makemessages lint format bench clean

$(VENV)/.installed: requirements.txt
	@echo "==> Creating the Python environment in $(VENV) (once)"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "==> Installing the Python packages of requirements.txt (a few minutes the first time)"
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	@echo "==> Installing the front-end packages of package-lock.json (Bootstrap) into node_modules"
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed
	@echo "==> Checking the system packages for PDFs and translations"
	bin/ensure-debian-packages $(RUN_DEBIAN_PACKAGES)
	$(MAKE) --no-print-directory messages

# French and Spanish catalogues, compiled from locale/*/LC_MESSAGES/django.po.
messages:
	@echo "==> Compiling the French and Spanish translations"
	cd locale && DJANGO_DEBUG=true ../$(PY) ../manage.py compilemessages --verbosity 0

# Refreshes the catalogues after strings changed in code or templates.
makemessages: $(VENV)/.installed
	DJANGO_DEBUG=true $(PY) manage.py makemessages -l fr -l es --no-obsolete \
		--ignore ".venv/*" --ignore "node_modules/*" --ignore "bench/*" --ignore "*/tests/*"

# A development machine's settings, so that `python manage.py …` works there too.
.env:
	@echo "==> Writing the development settings of this machine to .env"
	printf '# Development settings of this machine (read by idm_portal/settings.py).\nDJANGO_DEBUG=true\n' > $@

run: install .env
	@echo "==> Bringing the database up to date"
	$(PY) manage.py migrate --noinput
	@echo "==> Loading the demo and making its PDFs"
	$(PY) manage.py load_idm2010 --render-documents
	@echo "==> Sending the e-mails that are due"
	$(PY) manage.py send_due_notifications
	@echo "Serving the IDM Portal on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install
	bin/ensure-debian-packages $(TEST_DEBIAN_PACKAGES)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(PY) -m bench $(BENCH)

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache
