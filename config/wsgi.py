import os

from django.core.wsgi import get_wsgi_application

from config.warm import warm_up_in_background

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
application = get_wsgi_application()

# Import the heavy libraries and load the analysis kernels now, in the background, rather
# than during the first requests (config/warm.py); off in the test settings.
warm_up_in_background()
